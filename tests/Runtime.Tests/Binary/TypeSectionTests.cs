using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class TypeSectionTests
{
    private static ValueTypeReference P(PrimitiveType type) => ValueTypeReference.FromPrimitive(type);

    private static ValueTypeReference T(uint index) => ValueTypeReference.FromIndex(index);

    private static List<DefinedType> Types(ComponentDefinition component) =>
        component.Items.OfType<TypeItem>().Select(t => t.Type).ToList();

    [Fact]
    public void Reads_every_primitive_value_type()
    {
        var component = Read("""
            (component
              (type bool) (type s8) (type u8) (type s16) (type u16) (type s32) (type u32) (type s64) (type u64)
              (type f32) (type f64) (type char) (type string) (type error-context)
            )
            """);
        Assert.Equal(Enum.GetValues<PrimitiveType>().Select(p => new PrimitiveValueType(p)), Types(component));
        Assert.Equal("error-context", PrimitiveType.ErrorContext.ToText());
        Assert.Equal(14, component.IndexSpaces.Types.Count);
    }

    [Fact]
    public void Reads_every_compound_value_type()
    {
        var component = Read("""
            (component
              (type $r (resource (rep i32)))
              (type (record (field "a" u32) (field "b-c" string)))
              (type (variant (case "none") (case "some" u64)))
              (type (list u8))
              (type (list 1 4))
              (type (tuple u8 string))
              (type (flags "read" "write" "exec"))
              (type (enum "x" "y"))
              (type (option 3))
              (type (result u8 (error string)))
              (type (result))
              (type (result (error u8)))
              (type (result s32))
              (type (own $r))
              (type (borrow $r))
              (type (stream u8))
              (type (stream))
              (type (future 1))
              (type (future))
              (type (map string u32))
            )
            """);
        var types = Types(component);
        DefinedType[] expected =
        [
            new ResourceType(CoreValueType.I32, null),
            new RecordType([new("a", P(PrimitiveType.U32)), new("b-c", P(PrimitiveType.String))]),
            new VariantType([new("none", null), new("some", P(PrimitiveType.U64))]),
            new ListType(P(PrimitiveType.U8)),
            new FixedSizeListType(T(1), 4),
            new TupleType([P(PrimitiveType.U8), P(PrimitiveType.String)]),
            new FlagsType(["read", "write", "exec"]),
            new EnumType(["x", "y"]),
            new OptionType(T(3)),
            new ResultType(P(PrimitiveType.U8), P(PrimitiveType.String)),
            new ResultType(null, null),
            new ResultType(null, P(PrimitiveType.U8)),
            new ResultType(P(PrimitiveType.S32), null),
            new OwnType(0),
            new BorrowType(0),
            new StreamType(P(PrimitiveType.U8)),
            new StreamType(null),
            new FutureType(T(1)),
            new FutureType(null),
            new MapType(P(PrimitiveType.String), P(PrimitiveType.U32)),
        ];
        Assert.Equal(expected, types);

        Assert.Equal(["a", "b-c"], ((RecordType)types[1]).Fields.Select(f => f.Name));
        Assert.Null(((VariantType)types[2]).Cases[0].Type);
        Assert.Equal(4u, ((FixedSizeListType)types[4]).Length);
        Assert.Equal("(result u8 (error string))", types[9].Describe());
        Assert.Equal(20, component.IndexSpaces.Types.Count);
    }

    [Fact]
    public void Types_compare_by_value()
    {
        const string text = "(component (type (record (field \"a\" (list u8)) (field \"b\" (tuple s8 char)))) (type (enum \"x\")))";
        var first = Types(Read(text));
        var second = Types(Read(text));
        Assert.Equal(first, second);
        Assert.Equal(first[0].GetHashCode(), second[0].GetHashCode());
        Assert.Equal(new RecordType([new("a", T(0)), new("b", T(1))]), first[2]);
        Assert.NotEqual(first[2], new RecordType([new("a", T(0))]));
        var cache = new Dictionary<DefinedType, string> { [first[^1]] = "enum" }; // the inline list and tuple come first
        Assert.Equal("enum", cache[new EnumType(["x"])]);
        Assert.Equal(new ExternName("wasi:io/streams@0.2.0"), new ExternName("wasi:io/streams@0.2.0"));
        Assert.NotEqual(new ExternName("a:b/c") { VersionSuffix = ".1" }, new ExternName("a:b/c"));
    }

    [Fact]
    public void Value_type_indices_at_or_above_64_use_the_signed_encoding()
    {
        var text = "(component " + string.Concat(Enumerable.Repeat("(type (list u8)) ", 70)) +
            "(type (list 65)) (type (own 66)) (type (func (param \"a\" 69) (result 68))))";
        var types = Types(Read(text));
        Assert.Equal(new ListType(T(65)), types[70]);
        Assert.Equal(new OwnType(66), types[71]);
        var function = Assert.IsType<FunctionType>(types[72]);
        Assert.Equal(T(69), function.Parameters[0].Type);
        Assert.Equal(T(68), function.Result);
    }

    [Fact]
    public void Reads_function_types_including_async()
    {
        var types = Types(Read("""
            (component
              (type (func (param "x" u32) (param "y" string) (result string)))
              (type (func))
              (type (func async (param "a" u32)))
            )
            """));
        var first = Assert.IsType<FunctionType>(types[0]);
        Assert.False(first.IsAsync);
        Assert.Equal([new LabeledValueType("x", P(PrimitiveType.U32)), new LabeledValueType("y", P(PrimitiveType.String))], first.Parameters);
        Assert.Equal(P(PrimitiveType.String), first.Result);

        var empty = Assert.IsType<FunctionType>(types[1]);
        Assert.Empty(empty.Parameters);
        Assert.Null(empty.Result);

        var asynchronous = Assert.IsType<FunctionType>(types[2]);
        Assert.True(asynchronous.IsAsync);
        Assert.Equal("(func async (param \"a\" u32))", asynchronous.Describe());
    }

    [Fact]
    public void Reads_resource_types_with_and_without_destructors()
    {
        var component = Read("""
            (component
              (core module $m (func (export "dtor") (param i32)))
              (core instance $i (instantiate $m))
              (alias core export $i "dtor" (core func $dtor))
              (type $plain (resource (rep i32)))
              (type $with-dtor (resource (rep i32) (dtor (core func $dtor))))
            )
            """);
        var types = Types(component);
        Assert.Equal(new ResourceType(CoreValueType.I32, null), types[0]);
        Assert.Equal(new ResourceType(CoreValueType.I32, 0), types[1]);
        Assert.Equal("(resource (rep i32) (dtor (core func 0)))", types[1].Describe());
    }

    [Fact]
    public void Reads_instance_types_with_declarations_and_their_own_index_spaces()
    {
        var component = Read("""
            (component
              (type $outer-u8 u8)
              (type $it (instance
                (core type (func))
                (type $t u32)
                (alias outer 1 $outer-u8 (type $o))
                (export "res" (type $res (sub resource)))
                (export "t-eq" (type (eq $t)))
                (export "f" (func (param "r" (own $res)) (result $o)))
                (export "i" (instance))
                (export "c" (component))
                (export "m" (core module))
              ))
            )
            """);
        var instance = Assert.IsType<InstanceType>(Types(component)[1]);
        var kinds = instance.Declarations.Select(d => d.GetType().Name).ToList();
        Assert.Equal(
            ["CoreTypeDeclaration", "TypeDeclaration", "AliasDeclaration", "ExportDeclaration", "ExportDeclaration",
             "TypeDeclaration", "TypeDeclaration", "ExportDeclaration", "TypeDeclaration", "ExportDeclaration",
             "TypeDeclaration", "ExportDeclaration", "CoreTypeDeclaration", "ExportDeclaration"],
            kinds);
        Assert.Equal(new OuterAlias(Sort.Type, 1, 0), Assert.IsType<AliasDeclaration>(instance.Declarations[2]).Alias);

        var exports = instance.Exports.ToList();
        Assert.Equal(["res", "t-eq", "f", "i", "c", "m"], exports.Select(e => e.Name.Name));
        Assert.Equal(new TypeExternType(TypeBound.SubResource), exports[0].Type);
        Assert.True(((TypeExternType)exports[0].Type).Bound.IsSubResource);
        // Core types are a separate index space, so $t is type 0.
        Assert.Equal(new TypeExternType(new TypeBound(0)), exports[1].Type);
        Assert.IsType<FunctionExternType>(exports[2].Type);
        Assert.IsType<InstanceExternType>(exports[3].Type);
        Assert.IsType<ComponentExternType>(exports[4].Type);
        Assert.IsType<CoreModuleExternType>(exports[5].Type);

        // The declarations build their own index spaces, starting empty.
        var spaces = instance.IndexSpaces;
        Assert.Equal(2, spaces.CoreTypes.Count);
        Assert.Equal(8, spaces.Types.Count); // $t, $o, res, t-eq, (own 2), the func type, the instance type, the component type
        Assert.Single(spaces.Functions);
        Assert.Single(spaces.Instances);
        Assert.Single(spaces.Components);
        Assert.Single(spaces.CoreModules);
        Assert.Same(instance.Declarations[3], spaces.Types[2].Source);
        Assert.Equal("export declaration \"res\"", spaces.Types[2].Describe());
        Assert.Equal("type declaration (own 2)", spaces.Types[4].Describe());
        Assert.Equal("alias outer 1 0 (type) declaration", spaces.Types[1].Describe());
    }

    [Fact]
    public void Reads_component_types_with_imports_and_exports()
    {
        var component = Read("""
            (component
              (type $ct (component
                (import "wasi:io/streams@0.2.0" (instance $s (export "input-stream" (type (sub resource)))))
                (alias export $s "input-stream" (type $is))
                (import "read" (func (param "s" (borrow $is)) (result (list u8))))
                (export "run" (func))
                (export "inner" (component (import "x" (func))))
              ))
            )
            """);
        var type = Assert.IsType<ComponentType>(Assert.Single(Types(component)));
        Assert.Equal(["wasi:io/streams@0.2.0", "read"], type.Imports.Select(i => i.Name.Name));
        Assert.Equal(["run", "inner"], type.Exports.Select(e => e.Name.Name));
        var alias = Assert.IsType<InstanceExportAlias>(type.Declarations.OfType<AliasDeclaration>().Single().Alias);
        Assert.Equal(new InstanceExportAlias(Sort.Type, 0, "input-stream"), alias);
        Assert.Equal(2, type.IndexSpaces.Functions.Count);
        Assert.Single(type.IndexSpaces.Instances);
        Assert.Single(type.IndexSpaces.Components);
        Assert.IsType<ImportDeclaration>(type.IndexSpaces.Instances[0].Source);
        Assert.IsType<ExportDeclaration>(type.IndexSpaces.Components[0].Source);
    }

    [Fact]
    public void Nested_types_have_nested_index_spaces()
    {
        var component = Read("""
            (component
              (type (component
                (type (instance
                  (type (component (export "deep" (func))))
                ))
              ))
            )
            """);
        var outer = Assert.IsType<ComponentType>(Assert.Single(Types(component)));
        var middle = Assert.IsType<InstanceType>(Assert.IsType<TypeDeclaration>(Assert.Single(outer.Declarations)).Type);
        var inner = Assert.IsType<ComponentType>(Assert.IsType<TypeDeclaration>(Assert.Single(middle.Declarations)).Type);
        Assert.Equal("deep", Assert.Single(inner.Exports).Name.Name);
        Assert.Single(inner.IndexSpaces.Functions);
        Assert.Empty(middle.IndexSpaces.Functions);
    }
}
