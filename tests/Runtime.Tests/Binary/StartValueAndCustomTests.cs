using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class StartValueAndCustomTests
{
    [Fact]
    public void Reads_start_definitions_whose_results_are_values()
    {
        var component = Read("""
            (component
              (import "f" (func $f (param "x" u32) (param "y" string) (result u32)))
              (import "x" (value $x u32))
              (import "y" (value $y string))
              (start $f (value $x) (value $y) (result (value $r)))
              (export "r" (value $r))
            )
            """);
        var start = Assert.Single(component.Items.OfType<StartItem>());
        Assert.Equal(0u, start.FunctionIndex);
        Assert.Equal([0u, 1u], start.Arguments);
        Assert.Equal(1u, start.ResultCount);
        var values = component.IndexSpaces.Values;
        Assert.Equal(4, values.Count);
        Assert.Same(start, values[2].Source);
        Assert.Equal("result 0 of start of func 0", values[2].Describe());
        Assert.Equal(2u, component.Exports.Single().Index);
    }

    [Fact]
    public void Reads_the_value_section()
    {
        // Values are not accepted by the text parser, so the section is built by hand:
        // (value u32 42), (value string "hi"), (value type-0 <3 bytes>).
        var component = ComponentReader.Read(Build(Section(12,
            [0x79, 0x01, 0x2a],
            Concat([0x73, 0x03], Name("hi")),
            [0x00, 0x03, 0x01, 0x02, 0x03])));
        var values = component.Items.Cast<ValueItem>().ToList();
        Assert.Equal(ValueTypeReference.FromPrimitive(PrimitiveType.U32), values[0].Type);
        Assert.Equal([0x2a], values[0].Encoded.ToArray());
        Assert.Equal(ValueTypeReference.FromPrimitive(PrimitiveType.String), values[1].Type);
        Assert.Equal([0x02, (byte)'h', (byte)'i'], values[1].Encoded.ToArray());
        Assert.Equal(ValueTypeReference.FromIndex(0), values[2].Type);
        Assert.Equal(3, values[2].Encoded.Length);
        Assert.Equal(values, component.IndexSpaces.Values.Select(v => v.Source));
    }

    [Fact]
    public void Reads_value_bounds_as_Binary_md_encodes_them()
    {
        // import "a" (value (eq 0)), import "b" (value type 1)
        var component = ComponentReader.Read(Build(Section(10,
            Concat([0x00], Name("a"), [0x02, 0x00, 0x00]),
            Concat([0x00], Name("b"), [0x02, 0x01, 0x01]))));
        var imports = component.Imports.ToList();
        Assert.Equal(new ValueExternType(new ValueBound(0, null)), imports[0].Type);
        Assert.Equal(new ValueExternType(new ValueBound(null, ValueTypeReference.FromIndex(1))), imports[1].Type);
        Assert.Equal(2, component.IndexSpaces.Values.Count);
    }

    [Fact]
    public void Rejects_start_definitions_with_absurd_result_counts()
    {
        var e = ReadFails(Build((9, [0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f])));
        Assert.Contains("start definition declares 4294967295 results", e.Message);
    }

    [Fact]
    public void Keeps_custom_sections_and_reads_the_name_section()
    {
        var bytes = Build(
            (0, Concat(Name("producers"), [1, 2, 3])),
            (0, Concat(Name("component-name"), [0x00, 0x04], Name("top"), [0x01, 0x05, 0x01, 0x01, 0x00], Name("f"))),
            Section(10, Concat([0x00], Name("f"), [0x01, 0x00])));
        var component = ComponentReader.Read(bytes);
        Assert.Equal(["producers", "component-name"], component.CustomSections.Select(c => c.Name));
        Assert.Equal([1, 2, 3], component.CustomSections[0].Data.ToArray());
        Assert.Equal(8, component.CustomSections[0].Offset);
        Assert.Single(component.Items);
        Assert.Equal("top", component.Names?.ComponentName);
        Assert.Equal("f", component.Names?.Find(Sort.Function, 0));
        Assert.Null(component.Names?.Find(Sort.Function, 1));
    }

    [Fact]
    public void Ignores_a_malformed_name_section()
    {
        var bytes = Build((0, Concat(Name("component-name"), [0x01, 0x09, 0x01, 0x7f])));
        var component = ComponentReader.Read(bytes);
        Assert.Null(component.Names);
        Assert.Single(component.CustomSections);
    }

    [Fact]
    public void Text_identifiers_appear_in_the_name_section()
    {
        var component = Read("""
            (component $app
              (import "f" (func $host-f))
              (core module $mod)
              (type $list (list u8))
            )
            """);
        Assert.Equal("app", component.Names?.ComponentName);
        Assert.Equal("host-f", component.Names?.Find(Sort.Function, 0));
        Assert.Equal("mod", component.Names?.Find(Sort.CoreModule, 0));
        Assert.Equal("list", component.Names?.Find(Sort.Type, 1));
    }
}
