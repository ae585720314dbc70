using System.Runtime.InteropServices;
using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class CoreSectionTests
{
    [Fact]
    public void Core_modules_are_slices_of_the_input_that_load_as_modules()
    {
        var bytes = WatText.ToBinary("""
            (component
              (core module $a (func (export "f")))
              (core module $b (memory (export "mem") 1) (func (export "g") (param i32) (result i32) local.get 0))
            )
            """);
        var component = ComponentReader.Read(bytes);

        var modules = component.Items.OfType<CoreModuleItem>().ToList();
        Assert.Equal(2, modules.Count);
        using var engine = new Wasmtime.Engine();
        var exports = new List<string[]>();
        foreach (var item in modules)
        {
            // Not copied: the slice shares the input's array, at the item's offset.
            Assert.True(MemoryMarshal.TryGetArray(item.Bytes, out var segment));
            Assert.Same(bytes, segment.Array);
            Assert.Equal(item.Offset, segment.Offset);
            using var module = Wasmtime.Module.FromBytes(engine, "m", item.Bytes.Span);
            exports.Add(module.Exports.Select(e => e.Name).ToArray());
        }

        Assert.Equal(["f"], exports[0]);
        Assert.Equal(["mem", "g"], exports[1]);
        Assert.Equal(2, component.IndexSpaces.CoreModules.Count);
        Assert.Same(modules[1], component.IndexSpaces.CoreModules[1].Source);
        Assert.Equal("a", component.Names?.Find(Sort.CoreModule, 0));
        Assert.Equal("b", component.Names?.Find(Sort.CoreModule, 1));
    }

    [Fact]
    public void Rejects_a_core_module_section_without_a_module_preamble()
    {
        var e = ReadFails(Build((1, [0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00])));
        Assert.Contains("core module preamble", e.Message);
        Assert.Equal(10, e.Offset);
    }

    [Fact]
    public void Reads_core_instances_made_by_instantiation_and_from_inline_exports()
    {
        var component = Read("""
            (component
              (core module $m (func (export "f")) (memory (export "m") 1) (table (export "t") 1 funcref)
                (global (export "g") i32 (i32.const 0)))
              (core instance $i (instantiate $m))
              (core instance $j (export "f" (func $i "f")) (export "m" (memory $i "m")))
              (core module $n (import "x" "f" (func)) (import "y" "f" (func)))
              (core instance $k (instantiate $n (with "x" (instance $j)) (with "y" (instance $i))))
            )
            """);

        var instantiations = component.Items.OfType<CoreInstantiationItem>().ToList();
        Assert.Equal(2, instantiations.Count);
        Assert.Equal(0u, instantiations[0].ModuleIndex);
        Assert.Empty(instantiations[0].Arguments);
        Assert.Equal(1u, instantiations[1].ModuleIndex);
        Assert.Equal(
            [new CoreInstantiationArgument("x", Sort.CoreInstance, 1), new CoreInstantiationArgument("y", Sort.CoreInstance, 0)],
            instantiations[1].Arguments);

        var inline = Assert.Single(component.Items.OfType<CoreInlineInstanceItem>());
        Assert.Equal(
            [new CoreInlineExport("f", Sort.CoreFunction, 0), new CoreInlineExport("m", Sort.CoreMemory, 0)],
            inline.Exports);

        var instances = component.IndexSpaces.CoreInstances;
        Assert.Equal(3, instances.Count);
        Assert.Same(instantiations[0], instances[0].Source);
        Assert.Same(inline, instances[1].Source);
        Assert.Same(instantiations[1], instances[2].Source);
        Assert.Equal("core instantiate of core module 1", instances[2].Describe());
        Assert.Equal("k", component.Names?.Find(Sort.CoreInstance, 2));
    }

    [Fact]
    public void Reads_core_function_types()
    {
        var component = Read("""
            (component
              (core type (func (param i32 i64) (result f32 f64)))
              (core type (func))
              (core type (func (param v128 funcref externref (ref null func)) (result (ref extern))))
            )
            """);
        var types = component.Items.Cast<CoreTypeItem>().Select(t => Assert.IsType<CoreRecursiveType>(t.Type)).ToList();
        var first = Assert.IsType<CoreFunctionType>(Assert.Single(types[0].Types).Type);
        Assert.Equal([CoreValueType.I32, CoreValueType.I64], first.Parameters);
        Assert.Equal([CoreValueType.F32, CoreValueType.F64], first.Results);
        Assert.True(types[0].Types[0].IsFinal);

        var empty = Assert.IsType<CoreFunctionType>(types[1].Types[0].Type);
        Assert.Empty(empty.Parameters);
        Assert.Empty(empty.Results);

        var references = Assert.IsType<CoreFunctionType>(types[2].Types[0].Type);
        Assert.Equal(CoreValueType.V128, references.Parameters[0]);
        var funcref = new CoreReferenceType(true, new CoreHeapType(CoreAbstractHeapType.Func, 0, false));
        var externref = new CoreReferenceType(true, new CoreHeapType(CoreAbstractHeapType.Extern, 0, false));
        Assert.Equal(CoreValueType.FromReference(funcref), references.Parameters[1]);
        Assert.Equal(CoreValueType.FromReference(externref), references.Parameters[2]);
        Assert.Equal(CoreValueType.FromReference(funcref), references.Parameters[3]);
        Assert.Equal(CoreValueType.FromReference(externref with { Nullable = false }), Assert.Single(references.Results));
        Assert.Equal("(func (param v128 (ref null func) (ref null extern) (ref null func)) (result (ref extern)))", references.Describe());
        Assert.Equal(3, component.IndexSpaces.CoreTypes.Count);
    }

    [Fact]
    public void Reads_gc_types_and_recursion_groups_with_one_index_per_member()
    {
        var component = Read("""
            (component
              (core rec (type $a (sub (struct))) (type $b (sub $a (struct (field (mut i32)) (field i8)))))
              (core type (sub (func)))
              (core type (array (mut i16)))
              (core type (func (param (ref 0))))
            )
            """);
        var group = Assert.IsType<CoreRecursiveType>(Assert.IsType<CoreTypeItem>(component.Items[0]).Type);
        Assert.Equal(2, group.Types.Count);
        Assert.False(group.Types[0].IsFinal);
        Assert.Empty(group.Types[0].SuperTypes);
        Assert.Equal([0u], group.Types[1].SuperTypes);
        var fields = Assert.IsType<CoreStructType>(group.Types[1].Type).Fields;
        Assert.Equal(new CoreFieldType(new CoreStorageType(0, CoreValueType.I32), true), fields[0]);
        Assert.Equal(new CoreFieldType(new CoreStorageType(8, default), false), fields[1]);

        var nonFinal = Assert.IsType<CoreRecursiveType>(Assert.IsType<CoreTypeItem>(component.Items[1]).Type);
        Assert.False(nonFinal.Types[0].IsFinal);
        Assert.IsType<CoreFunctionType>(nonFinal.Types[0].Type);

        var array = Assert.IsType<CoreArrayType>(Assert.IsType<CoreRecursiveType>(Assert.IsType<CoreTypeItem>(component.Items[2]).Type).Types[0].Type);
        Assert.Equal(new CoreFieldType(new CoreStorageType(16, default), true), array.Element);

        var concrete = Assert.IsType<CoreFunctionType>(Assert.IsType<CoreRecursiveType>(Assert.IsType<CoreTypeItem>(component.Items[3]).Type).Types[0].Type);
        Assert.Equal(new CoreHeapType(null, 0, false), concrete.Parameters[0].Reference.HeapType);
        Assert.False(concrete.Parameters[0].Reference.Nullable);

        // The group adds two core types, so the index space has five entries for four items.
        var space = component.IndexSpaces.CoreTypes;
        Assert.Equal(5, space.Count);
        Assert.Same(component.Items[0], space[0].Source);
        Assert.Same(component.Items[0], space[1].Source);
        Assert.Equal(1, space[1].Position);
        Assert.StartsWith("member 1 of core type (rec", space[1].Describe());
        Assert.Same(component.Items[3], space[4].Source);
    }

    [Fact]
    public void Reads_module_types_with_their_declarations()
    {
        var component = Read("""
            (component
              (core type $ft (func (param i32)))
              (core type (module
                (type $f (func (param i32) (result i32)))
                (import "env" "f" (func (type $f)))
                (import "env" "t" (table 1 10 funcref))
                (import "env" "m" (memory 1 2))
                (import "env" "g" (global (mut i64)))
                (alias outer 1 $ft (type))
                (export "run" (func (type 0)))
                (export "mem" (memory 1))
                (export "c" (global f32))
              ))
            )
            """);
        var module = Assert.IsType<CoreModuleType>(Assert.IsType<CoreTypeItem>(component.Items[1]).Type);
        Assert.Equal(9, module.Declarations.Count);
        var typeDeclaration = Assert.IsType<CoreModuleTypeDefinition>(module.Declarations[0]);
        var function = Assert.IsType<CoreFunctionType>(Assert.IsType<CoreRecursiveType>(typeDeclaration.Type).Types[0].Type);
        Assert.Equal([CoreValueType.I32], function.Results);

        var imports = module.Imports.ToList();
        Assert.Equal(["env.f", "env.t", "env.m", "env.g"], imports.Select(i => $"{i.Module}.{i.Name}"));
        Assert.Equal(new CoreFunctionExternType(0), imports[0].Type);
        var table = Assert.IsType<CoreTableExternType>(imports[1].Type);
        Assert.Equal(CoreAbstractHeapType.Func, table.Element.HeapType.Abstract);
        Assert.Equal(new CoreLimits(1, 10, false, false, null), table.Limits);
        Assert.Equal(new CoreMemoryExternType(new CoreLimits(1, 2, false, false, null)), imports[2].Type);
        Assert.Equal(new CoreGlobalExternType(CoreValueType.I64, true, false), imports[3].Type);

        Assert.Equal(new CoreModuleOuterAlias(1, 0), module.Declarations[5]);
        var exports = module.Exports.ToList();
        Assert.Equal(["run", "mem", "c"], exports.Select(e => e.Name));
        Assert.Equal(Sort.CoreMemory, exports[1].Type.Sort);
        Assert.Equal(new CoreGlobalExternType(CoreValueType.F32, false, false), exports[2].Type);
        Assert.Equal(2, component.IndexSpaces.CoreTypes.Count);
    }

    [Fact]
    public void Imports_core_modules_by_module_type()
    {
        var component = Read("""
            (component
              (core type $mt (module (export "f" (func))))
              (import "m" (core module $m (type $mt)))
              (core instance (instantiate $m))
            )
            """);
        var import = Assert.IsType<ImportItem>(component.Items[1]);
        Assert.Equal(new CoreModuleExternType(0), import.Type);
        Assert.Same(import, Assert.Single(component.IndexSpaces.CoreModules).Source);
    }
}
