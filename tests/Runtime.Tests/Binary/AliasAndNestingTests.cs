using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class AliasAndNestingTests
{
    [Fact]
    public void Reads_instance_export_aliases_of_every_component_sort()
    {
        var component = Read("""
            (component
              (import "i" (instance $i
                (export "f" (func))
                (export "t" (type (sub resource)))
                (export "c" (component))
                (export "n" (instance))
                (export "m" (core module))
              ))
              (alias export $i "f" (func))
              (alias export $i "t" (type))
              (alias export $i "c" (component))
              (alias export $i "n" (instance))
              (alias export $i "m" (core module))
            )
            """);
        var aliases = component.Items.OfType<AliasItem>().Select(a => a.Alias).ToList();
        Assert.Equal(
            [
                new InstanceExportAlias(Sort.Function, 0, "f"), new InstanceExportAlias(Sort.Type, 0, "t"),
                new InstanceExportAlias(Sort.Component, 0, "c"), new InstanceExportAlias(Sort.Instance, 0, "n"),
                new InstanceExportAlias(Sort.CoreModule, 0, "m"),
            ],
            aliases);
        var spaces = component.IndexSpaces;
        Assert.Equal("alias export of instance 0 named \"f\" (func)", spaces.Functions[0].Describe());
        Assert.Equal("alias export of instance 0 named \"t\" (type)", spaces.Types[1].Describe());
        Assert.Equal("alias export of instance 0 named \"c\" (component)", spaces.Components[0].Describe());
        Assert.Equal("alias export of instance 0 named \"n\" (instance)", spaces.Instances[1].Describe());
        Assert.Equal("alias export of instance 0 named \"m\" (core module)", spaces.CoreModules[0].Describe());
    }

    [Fact]
    public void Reads_core_export_aliases_of_every_core_sort()
    {
        var component = Read("""
            (component
              (core module $m
                (func (export "f")) (table (export "t") 1 funcref) (memory (export "memory") 1)
                (global (export "g") i32 (i32.const 0)) (tag (export "e")))
              (core instance $i (instantiate $m))
              (alias core export $i "f" (core func))
              (alias core export $i "t" (core table))
              (alias core export $i "memory" (core memory))
              (alias core export $i "g" (core global))
              (alias core export $i "e" (core tag))
            )
            """);
        var aliases = component.Items.OfType<AliasItem>().Select(a => Assert.IsType<CoreInstanceExportAlias>(a.Alias)).ToList();
        Assert.Equal(
            [Sort.CoreFunction, Sort.CoreTable, Sort.CoreMemory, Sort.CoreGlobal, Sort.CoreTag],
            aliases.Select(a => a.Sort));
        Assert.All(aliases, a => Assert.Equal(0u, a.InstanceIndex));
        var spaces = component.IndexSpaces;
        Assert.Equal("alias core export of core instance 0 named \"memory\" (core memory)", Assert.Single(spaces.CoreMemories).Describe());
        Assert.Single(spaces.CoreFunctions);
        Assert.Single(spaces.CoreTables);
        Assert.Single(spaces.CoreGlobals);
        Assert.Single(spaces.CoreTags);
    }

    [Fact]
    public void Reads_nested_components_with_outer_aliases()
    {
        var component = Read("""
            (component $outer
              (core module $m (func (export "f")))
              (type $ft (func (param "x" u32)))
              (component $c1
                (alias outer $outer $ft (type $ft2))
                (alias outer $outer $m (core module $m2))
                (component $c2
                  (alias outer $outer $ft (type))
                  (alias outer $c1 $ft2 (type))
                  (import "f" (func (type 0)))
                )
                (export "f-type" (type $ft2))
              )
              (instance $i (instantiate $c1))
              (component $c3 (alias outer $outer $c1 (component)))
            )
            """);
        var nested = component.NestedComponents.ToList();
        Assert.Equal(2, nested.Count);
        var c1 = nested[0];
        Assert.Same(component, c1.Parent);
        Assert.Equal(
            [new OuterAlias(Sort.Type, 1, 0), new OuterAlias(Sort.CoreModule, 1, 0)],
            c1.Items.OfType<AliasItem>().Select(a => a.Alias));
        var c2 = Assert.Single(c1.NestedComponents);
        Assert.Same(c1, c2.Parent);
        Assert.Equal(
            [new OuterAlias(Sort.Type, 2, 0), new OuterAlias(Sort.Type, 1, 0)],
            c2.Items.OfType<AliasItem>().Select(a => a.Alias));
        Assert.Equal(new OuterAlias(Sort.Component, 1, 0), Assert.IsType<AliasItem>(Assert.Single(nested[1].Items)).Alias);

        // Nested components keep their own bytes and offsets within the outer binary.
        Assert.True(c1.Offset > component.Offset);
        Assert.Equal(component.Bytes.Slice(c1.Offset, c1.Bytes.Length).ToArray(), c1.Bytes.ToArray());
        Assert.True(ComponentReader.IsComponent(c2.Bytes.Span));
        Assert.Equal("c1", component.Names?.Find(Sort.Component, 0));

        var instantiation = Assert.Single(component.Items.OfType<InstantiationItem>());
        Assert.Equal(0u, instantiation.ComponentIndex);
        Assert.Empty(instantiation.Arguments);
        Assert.Equal(2, component.IndexSpaces.Components.Count);
        Assert.Equal("instantiate of component 0", Assert.Single(component.IndexSpaces.Instances).Describe());
    }

    [Fact]
    public void Reads_instantiation_arguments_and_inline_instances_of_every_sort()
    {
        var component = Read("""
            (component
              (import "f" (func $f))
              (import "t" (type $t (sub resource)))
              (import "i" (instance $i))
              (import "c" (component $c))
              (import "m" (core module $m))
              (component $inner
                (import "f" (func))
                (import "t" (type (sub resource)))
                (import "i" (instance))
                (import "c" (component))
                (import "m" (core module))
              )
              (instance $a (instantiate $inner
                (with "f" (func $f)) (with "t" (type $t)) (with "i" (instance $i))
                (with "c" (component $c)) (with "m" (core module $m))))
              (instance $b (export "f" (func $f)) (export "t" (type $t)) (export "m" (core module $m)))
            )
            """);
        var instantiation = Assert.Single(component.Items.OfType<InstantiationItem>());
        Assert.Equal(1u, instantiation.ComponentIndex);
        Assert.Equal(
            [
                // Type 0 is the func type written inline in the first import, so $t is type 1.
                new InstantiationArgument("f", Sort.Function, 0), new InstantiationArgument("t", Sort.Type, 1),
                new InstantiationArgument("i", Sort.Instance, 0), new InstantiationArgument("c", Sort.Component, 0),
                new InstantiationArgument("m", Sort.CoreModule, 0),
            ],
            instantiation.Arguments);
        var inline = Assert.Single(component.Items.OfType<InlineInstanceItem>());
        Assert.Equal(["f", "t", "m"], inline.Exports.Select(e => e.Name.Name));
        Assert.Equal([Sort.Function, Sort.Type, Sort.CoreModule], inline.Exports.Select(e => e.Sort));
        Assert.Equal(
            ["import \"i\"", "instantiate of component 1", "instance of 3 inline exports"],
            component.IndexSpaces.Instances.Select(e => e.Describe()));
    }

    [Fact]
    public void Rejects_core_export_aliases_of_component_sorts()
    {
        // alias sort=func (0x01), target core export (0x01), instance 0, "f".
        var e = ReadFails(Build(Section(6, Concat([0x01, 0x01, 0x00], Name("f")))));
        Assert.Equal("core export alias of the non-core sort func", e.Reason);
        Assert.Equal(12, e.Offset);
    }

    [Fact]
    public void Limits_the_nesting_of_components()
    {
        byte[] inner = [.. Preamble];
        for (var i = 0; i < NestingLimit; i++)
        {
            inner = Build((4, inner));
        }

        var component = ComponentReader.Read(inner);
        var depth = 0;
        for (var c = component; c.NestedComponents.Any(); c = c.NestedComponents.Single())
        {
            depth++;
        }

        Assert.Equal(NestingLimit, depth);
        var e = ReadFails(Build((4, inner)));
        Assert.Contains("nest more than 100 levels deep", e.Message);
    }

    [Fact]
    public void Limits_the_nesting_of_types()
    {
        // (type (instance (type (instance ... )))) nested 200 deep, built from the inside out.
        byte[] type = [0x42, 0x00];
        for (var i = 0; i < 200; i++)
        {
            type = [0x42, 0x01, 0x01, .. type];
        }

        var e = ReadFails(Build(Section(7, type)));
        Assert.Contains("nest more than 100 levels deep", e.Message);
    }

    [Fact]
    public void Reads_deeply_nested_types_within_the_limit()
    {
        byte[] type = [0x42, 0x00];
        for (var i = 0; i < 90; i++)
        {
            type = [0x42, 0x01, 0x01, .. type];
        }

        var first = Assert.IsType<TypeItem>(Assert.Single(ComponentReader.Read(Build(Section(7, type))).Items)).Type;
        var second = Assert.IsType<TypeItem>(Assert.Single(ComponentReader.Read(Build(Section(7, type))).Items)).Type;
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Contains("InstanceType", first.ToString());
    }

    [Fact]
    public void Limits_the_nesting_of_module_types()
    {
        byte[] type = [0x50, 0x00];
        for (var i = 0; i < 200; i++)
        {
            type = [0x50, 0x01, 0x01, .. type];
        }

        var e = ReadFails(Build(Section(3, type)));
        Assert.Contains("nest more than 100 levels deep", e.Message);
    }

    private const int NestingLimit = 100;
}
