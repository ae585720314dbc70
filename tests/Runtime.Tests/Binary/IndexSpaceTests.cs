using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class IndexSpaceTests
{
    /// <summary>A component shaped like a guest compiled against WASI: imports, a core module, shims and lifts.</summary>
    private const string Guest = """
        (component
          (import "wasi:io/streams@0.2.0" (instance $streams
            (export "output-stream" (type $os (sub resource)))
            (export "[method]output-stream.write" (func (param "self" (borrow $os)) (param "contents" (list u8))))
          ))
          (alias export $streams "output-stream" (type $os))
          (alias export $streams "[method]output-stream.write" (func $write))
          (core module $main
            (import "wasi:io/streams@0.2.0" "[method]output-stream.write" (func (param i32 i32 i32)))
            (import "wasi:io/streams@0.2.0" "[resource-drop]output-stream" (func (param i32)))
            (memory (export "memory") 1)
            (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) unreachable)
            (func (export "run") (result i32) unreachable)
            (func (export "cabi_post_run") (param i32))
          )
          (core module $shim (table (export "$imports") 1 funcref) (func (export "0") (param i32 i32 i32)))
          (core instance $shim-instance (instantiate $shim))
          (alias core export $shim-instance "0" (core func $write-shim))
          (core func $drop (canon resource.drop $os))
          (core instance $streams-imports
            (export "[method]output-stream.write" (func $write-shim))
            (export "[resource-drop]output-stream" (func $drop)))
          (core instance $main-instance (instantiate $main (with "wasi:io/streams@0.2.0" (instance $streams-imports))))
          (alias core export $main-instance "memory" (core memory $memory))
          (alias core export $main-instance "cabi_realloc" (core func $realloc))
          (alias core export $shim-instance "$imports" (core table $imports))
          (core func $write-lowered (canon lower (func $write) (memory $memory) (realloc $realloc)))
          (type $run-type (func (result string)))
          (func $run (type $run-type)
            (canon lift (core func $main-instance "run") (memory $memory) (realloc $realloc)
              (post-return (core func $main-instance "cabi_post_run"))))
          (instance $run-instance (export "run" (func $run)))
          (export "wasi:cli/run@0.2.0" (instance $run-instance))
        )
        """;

    [Fact]
    public void Every_index_space_says_where_each_index_came_from()
    {
        var component = Read(Guest);
        var spaces = component.IndexSpaces;
        Assert.Equal(
            "core func: 6, core table: 1, core memory: 1, core module: 2, core instance: 3, func: 2, type: 3, instance: 3",
            spaces.ToString());

        Assert.Equal(
            [
                "alias core export of core instance 0 named \"0\" (core func)",
                "canon resource.drop of type 1",
                "alias core export of core instance 2 named \"cabi_realloc\" (core func)",
                "canon lower of func 0",
                "alias core export of core instance 2 named \"run\" (core func)",
                "alias core export of core instance 2 named \"cabi_post_run\" (core func)",
            ],
            spaces.CoreFunctions.Select(e => e.Describe()));
        Assert.Equal(["alias core export of core instance 0 named \"$imports\" (core table)"], spaces.CoreTables.Select(e => e.Describe()));
        Assert.Equal(["alias core export of core instance 2 named \"memory\" (core memory)"], spaces.CoreMemories.Select(e => e.Describe()));
        Assert.Equal(
            ["core instantiate of core module 1", "core instance of 2 inline exports", "core instantiate of core module 0"],
            spaces.CoreInstances.Select(e => e.Describe()));
        Assert.Equal(
            ["alias export of instance 0 named \"[method]output-stream.write\" (func)", "canon lift of core func 4 as type 2"],
            spaces.Functions.Select(e => e.Describe()));
        Assert.Equal(
            [
                "type (instance with 5 declarations)",
                "alias export of instance 0 named \"output-stream\" (type)",
                "type (func (result string))",
            ],
            spaces.Types.Select(e => e.Describe()));
        Assert.Equal(
            ["import \"wasi:io/streams@0.2.0\"", "instance of 1 inline exports", "export \"wasi:cli/run@0.2.0\" of instance 1"],
            spaces.Instances.Select(e => e.Describe()));

        // Entries know their sort and index and point at the very item that made them.
        var lower = spaces.CoreFunctions[3];
        Assert.Equal((Sort.CoreFunction, 3u), (lower.Sort, lower.Index));
        Assert.Same(component.Items.OfType<CanonLowerItem>().Single(), lower.Source);
        Assert.Equal("core func 3: canon lower of func 0", lower.ToString());
        Assert.Same(lower, spaces.Find(Sort.CoreFunction, 3));
        Assert.Null(spaces.Find(Sort.CoreFunction, 6));
        Assert.Same(spaces.CoreFunctions, spaces[Sort.CoreFunction]);
    }

    [Fact]
    public void Items_stay_in_source_order_with_increasing_offsets()
    {
        var component = Read(Guest);
        Assert.Equal(
            ["TypeItem", "ImportItem", "AliasItem", "AliasItem", "CoreModuleItem", "CoreModuleItem", "CoreInstantiationItem",
             "AliasItem", "CanonResourceDropItem", "CoreInlineInstanceItem", "CoreInstantiationItem", "AliasItem", "AliasItem",
             "AliasItem", "CanonLowerItem", "TypeItem", "AliasItem", "AliasItem", "CanonLiftItem",
             "InlineInstanceItem", "ExportItem"],
            component.Items.Select(i => i.GetType().Name));
        var offsets = component.Items.Select(i => i.Offset).ToList();
        Assert.Equal(offsets.Order(), offsets);
        Assert.Equal(offsets.Count, offsets.Distinct().Count());

        var export = Assert.IsType<ExportItem>(component.Items[^1]);
        Assert.Equal("run", export.Name.Interface!.Interface);
        var lift = component.Items.OfType<CanonLiftItem>().Single();
        Assert.Equal(new CanonicalOptions { MemoryIndex = 0, ReallocIndex = 2, PostReturnIndex = 5 }, lift.Options);
        Assert.Equal(
            "(func (result string))",
            component.ResolveFunctionType(1).Describe());
    }
}
