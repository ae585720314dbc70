using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class TypeResolutionTests
{
    private const string StreamsImport = """
          (import "wasi:io/streams@0.2.0" (instance $streams
            (export "output-stream" (type $os (sub resource)))
            (type $bytes (list u8))
            (export "write" (func (param "self" (borrow $os)) (param "contents" $bytes) (result u64)))
          ))
          (alias export $streams "output-stream" (type $os))
          (alias export $streams "write" (func $write))
        """;

    [Fact]
    public void Resolves_local_value_types_and_their_members()
    {
        var component = Read("""
            (component
              (type $point (record (field "x" s32) (field "y" s32)))
              (type $points (list $point))
              (type $maybe (option $points))
            )
            """);
        var maybe = component.ResolveType(2);
        var option = Assert.IsType<OptionType>(maybe.Definition);
        Assert.Same(component.Items[2], maybe.Source);
        var points = maybe.ResolveValueType(option.Type);
        var list = Assert.IsType<ListType>(points.Definition);
        var point = points.ResolveValueType(list.Element);
        Assert.Equal(["x", "y"], Assert.IsType<RecordType>(point.Definition).Fields.Select(f => f.Name));
        Assert.Equal(new PrimitiveValueType(PrimitiveType.S32), point.ResolveValueType(((RecordType)point.Definition!).Fields[0].Type).Definition);
        Assert.Same(component.Scope, point.Scope);
    }

    [Fact]
    public void Resolves_resources_and_functions_exported_by_an_imported_instance()
    {
        var component = Read($$"""
            (component
              {{StreamsImport}}
              (alias export $streams "output-stream" (type $os-again))
            )
            """);
        var resource = component.ResolveType(1);
        Assert.True(resource.IsAbstractResource);
        Assert.True(resource.IsResource);
        var declaration = Assert.IsType<ExportDeclaration>(resource.Source);
        Assert.Equal("output-stream", declaration.Name.Name);
        Assert.IsType<InstanceType>(resource.Scope.Type);
        Assert.Same(component.Scope, resource.Scope.Parent);

        // The same export reached through another alias is the same resource.
        Assert.Equal(resource, component.ResolveType(2));

        var write = component.ResolveFunctionType(0);
        var function = Assert.IsType<FunctionType>(write.Definition);
        Assert.Equal(["self", "contents"], function.Parameters.Select(p => p.Name));
        var borrow = Assert.IsType<BorrowType>(write.ResolveValueType(function.Parameters[0].Type).Definition);
        Assert.Equal(resource, write.ResolveType(borrow.ResourceTypeIndex));
        Assert.Equal(new ListType(ValueTypeReference.FromPrimitive(PrimitiveType.U8)), write.ResolveValueType(function.Parameters[1].Type).Definition);
        Assert.Equal(new PrimitiveValueType(PrimitiveType.U64), write.ResolveValueType(function.Result!.Value).Definition);
    }

    [Fact]
    public void Resolves_function_types_of_lifted_imported_and_exported_functions()
    {
        var component = Read("""
            (component
              (import "host" (func $host (param "s" string) (result string)))
              (core module $m (func (export "f") (param i32)))
              (core instance $i (instantiate $m))
              (type $ft (func (param "n" u32)))
              (func $lifted (type $ft) (canon lift (core func $i "f")))
              (export $exported "run" (func $lifted))
            )
            """);
        Assert.Equal(
            [new LabeledValueType("s", ValueTypeReference.FromPrimitive(PrimitiveType.String))],
            Assert.IsType<FunctionType>(component.ResolveFunctionType(0).Definition).Parameters);
        var lifted = component.ResolveFunctionType(1);
        Assert.Same(component.Items.OfType<TypeItem>().Last(), lifted.Source);
        Assert.Equal(lifted, component.ResolveFunctionType(2));
    }

    [Fact]
    public void Resolves_type_imports_with_equality_bounds_and_local_resources()
    {
        var component = Read("""
            (component
              (type $r (resource (rep i32)))
              (type $l (list string))
              (import "l" (type $l2 (eq $l)))
              (export $r2 "r" (type $r))
              (type (own $r2))
            )
            """);
        Assert.Equal(component.ResolveType(1), component.ResolveType(2));
        var resource = component.ResolveType(0);
        Assert.Equal(new ResourceType(CoreValueType.I32, null), resource.Definition);
        Assert.False(resource.IsAbstractResource);
        Assert.True(resource.IsResource);
        Assert.Equal(resource, component.ResolveType(3));
        var own = Assert.IsType<OwnType>(component.ResolveType(4).Definition);
        Assert.Equal(resource, component.ResolveType(own.ResourceTypeIndex));
    }

    [Fact]
    public void Resolves_outer_aliases_in_nested_components_and_instance_types()
    {
        var component = Read("""
            (component $outer
              (type $s (list string))
              (component $inner
                (alias outer $outer $s (type $s2))
                (type $it (instance
                  (alias outer $inner $s2 (type $s3))
                  (export "f" (func (param "x" $s3)))
                ))
                (import "i" (instance $i (type $it)))
                (alias export $i "f" (func $f))
              )
            )
            """);
        var outerList = component.ResolveType(0);
        var inner = Assert.Single(component.NestedComponents);
        Assert.Equal(outerList, inner.ResolveType(0));
        Assert.Same(component.Scope, inner.ResolveType(0).Scope);

        var function = inner.ResolveFunctionType(0);
        var parameter = Assert.IsType<FunctionType>(function.Definition).Parameters[0];
        Assert.Equal(outerList, function.ResolveValueType(parameter.Type));
    }

    [Fact]
    public void Resolves_exports_of_instantiated_nested_components_with_type_arguments()
    {
        var component = Read($$"""
            (component
              {{StreamsImport}}
              (component $inner
                (import "t" (type $t (sub resource)))
                (type $rec (record (field "a" u32) (field "stream" (own $t))))
                (export "rec" (type $rec))
                (export "t-again" (type $t))
              )
              (instance $ii (instantiate $inner (with "t" (type $os))))
              (alias export $ii "rec" (type $rec))
              (alias export $ii "t-again" (type $t-again))
            )
            """);
        var stream = component.ResolveType(1);
        var rec = component.ResolveType(2);
        var record = Assert.IsType<RecordType>(rec.Definition);
        Assert.True(rec.Scope.IsInstantiated);
        Assert.Same(component.NestedComponents.Single(), rec.Scope.Component);
        var own = Assert.IsType<OwnType>(rec.ResolveValueType(record.Fields[1].Type).Definition);

        // The nested component's imported resource is replaced by the argument: the outer stream resource.
        Assert.Equal(stream, rec.ResolveType(own.ResourceTypeIndex));
        Assert.Equal(stream, component.ResolveType(3));

        // Seen without an instantiation, the import stays an abstract resource of the nested component.
        var uninstantiated = component.NestedComponents.Single().ResolveType(0);
        Assert.True(uninstantiated.IsAbstractResource);
        Assert.IsType<ImportItem>(uninstantiated.Source);
    }

    [Fact]
    public void Resolves_exports_of_inline_instances_and_of_instantiated_imported_components()
    {
        var component = Read("""
            (component
              (type $l (list u8))
              (instance $inline (export "l" (type $l)))
              (alias export $inline "l" (type $l2))
              (import "c" (component $c
                (import "in" (type $in (sub resource)))
                (export "out" (func (param "x" (own $in))))
              ))
              (type $r (resource (rep i32)))
              (instance $ci (instantiate $c (with "in" (type $r))))
              (alias export $ci "out" (func $out))
            )
            """);
        Assert.Equal(component.ResolveType(0), component.ResolveType(1));

        var out_ = component.ResolveFunctionType(0);
        Assert.True(out_.Scope.IsInstantiated);
        var own = Assert.IsType<OwnType>(out_.ResolveValueType(((FunctionType)out_.Definition!).Parameters[0].Type).Definition);
        var resource = out_.ResolveType(own.ResourceTypeIndex);
        Assert.Equal(new ResourceType(CoreValueType.I32, null), resource.Definition);
        Assert.Same(component.Scope, resource.Scope);
    }

    [Fact]
    public void Scopes_are_cached_so_resolutions_compare_equal()
    {
        var component = Read($$"""(component {{StreamsImport}})""");
        var instanceType = Assert.IsType<InstanceType>(component.ResolveType(0).Definition);
        Assert.Same(component.Scope.Enter(instanceType), component.Scope.Enter(instanceType));
        Assert.Same(component.Scope, component.Scope.GetOuter(0));
    }

    [Fact]
    public void Reports_bad_references_as_format_errors()
    {
        var component = Read("""
            (component
              (type $f (func))
              (type (list u8))
              (import "i" (instance $i (export "x" (func))))
              (alias export $i "x" (func))
            )
            """);
        Assert.Equal("type index 7 is out of range (3 defined)", Assert.Throws<ComponentFormatException>(() => component.ResolveType(7)).Reason);
        Assert.Contains("is not a value type", Assert.Throws<ComponentFormatException>(
            () => component.ResolveValueType(ValueTypeReference.FromIndex(0))).Reason);
        Assert.Contains("func index 5 is out of range (1 defined)", Assert.Throws<ComponentFormatException>(() => component.ResolveFunctionType(5)).Reason);
        Assert.Contains("outer alias count 3 exceeds", Assert.Throws<ComponentFormatException>(() => component.Scope.GetOuter(3)).Reason);
        Assert.Equal(
            new PrimitiveValueType(PrimitiveType.Char),
            component.ResolveValueType(ValueTypeReference.FromPrimitive(PrimitiveType.Char)).Definition);
    }

    [Fact]
    public void Reports_missing_exports_and_cyclic_references()
    {
        var present = Read("""
            (component
              (import "i" (instance $i (export "x" (type (sub resource)))))
              (alias export $i "x" (type))
            )
            """);
        Assert.True(present.ResolveType(1).IsAbstractResource);

        // instance 0 = (instance (export "t" (type 0))) and type 0 = (alias export 0 "t" (type)): a cycle.
        var cyclic = ComponentReader.Read(Build(
            Section(5, Concat([0x01, 0x01, 0x00], Name("t"), [0x03, 0x00])),
            Section(6, Concat([0x03, 0x00, 0x00], Name("t")))));
        Assert.Contains("levels deep (are they cyclic?)", Assert.Throws<ComponentFormatException>(() => cyclic.ResolveType(0)).Reason);

        // type 0 = (alias export 0 "nope" (type)) of an inline instance without that export.
        var noExport = ComponentReader.Read(Build(
            Section(5, [0x01, 0x00]),
            Section(6, Concat([0x03, 0x00, 0x00], Name("nope")))));
        var e = Assert.Throws<ComponentFormatException>(() => noExport.ResolveType(0));
        Assert.Equal("instance 0 has no export named \"nope\"", e.Reason);
        Assert.Equal(noExport.Items[1].Offset, e.Offset);
    }
}
