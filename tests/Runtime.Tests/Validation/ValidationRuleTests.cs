using System.Text;
using WitBindgen.Runtime.Binary;
using Xunit;

namespace WitBindgen.Runtime.Tests.Validation;

/// <summary>
/// The validation families of the runtime on components that only they refuse, with the reason in the
/// specification's terms and the offset of the definition at fault. The project's .wast scripts
/// (Wast/Scripts/validation-*.wast) cover each family more broadly.
/// </summary>
public class ValidationRuleTests
{
    private static readonly ComponentRuntime Runtime = new();

    [Fact]
    public void An_index_used_before_its_definition_is_out_of_bounds_at_the_definition_that_uses_it()
    {
        // (type (list 1)) (type u32): index 1 exists, but only after the list type.
        byte[] bytes = [.. Preamble, 0x07, 0x04, 0x02, 0x70, 0x01, 0x79];
        var e = Assert.Throws<ComponentFormatException>(() => Runtime.Load(bytes));
        Assert.Equal("invalid component: type index out of bounds: 1 (only 0 defined at this point)", e.Reason);
        Assert.Equal(11, e.Offset);
    }

    [Fact]
    public void A_resource_type_in_a_component_type_is_refused_at_its_declaration()
    {
        var e = Refused("(component (type (component (type (resource (rep i32))))))");
        Assert.Contains("resources can only be defined within a concrete component", e.Reason);
    }

    [Fact]
    public void Outer_aliases_count_the_enclosing_components_and_types()
    {
        var e = Refused("(component (type (component (type (instance (alias outer 3 0 (type)))))))");
        Assert.Contains("invalid outer alias count of 3", e.Reason);
    }

    [Fact]
    public void A_lift_names_the_core_type_it_needs()
    {
        var e = Refused("""
            (component
              (core module $m (func (export "f") (param i32) (result i32) (local.get 0)))
              (core instance $i (instantiate $m))
              (func (param "x" u64) (result u64) (canon lift (core func $i "f"))))
            """);
        Assert.Contains("which needs (func (param i64) (result i64))", e.Reason);
    }

    [Fact]
    public void Value_types_may_not_nest_more_than_a_hundred_levels()
    {
        Assert.Contains("type nesting is too deep", Refused(Chain(101)).Reason);
        Runtime.LoadText(Chain(99));
    }

    [Fact]
    public void A_long_chain_of_types_is_refused_promptly_without_exhausting_the_stack()
    {
        var e = Refused(Chain(20_000));
        Assert.Contains("type nesting is too deep", e.Reason);
    }

    [Fact]
    public void Types_that_share_definitions_may_not_expand_to_more_than_a_million_nodes()
    {
        // Each tuple holds the previous one twice: 2^21 leaves from 21 definitions.
        var text = new StringBuilder("(component (type (tuple u8 u8))");
        for (var i = 1; i <= 21; i++)
        {
            text.Append($" (type (tuple {i - 1} {i - 1}))");
        }

        var e = Refused(text.Append(')').ToString());
        Assert.Contains("effective type size exceeds the limit", e.Reason);
    }

    [Fact]
    public void Instantiation_arguments_of_core_modules_are_core_instances_in_the_binary()
    {
        // (core instance (instantiate 0 (with "i" (func 0)))): the argument kind must be 0x12.
        byte[] bytes = [.. Preamble, 0x01, 0x08, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x07, 0x01, 0x00, 0x00, 0x01, 0x01, 0x69, 0x00, 0x00];
        var e = Assert.Throws<ComponentFormatException>(() => ComponentReader.Read(bytes));
        Assert.StartsWith("invalid leading byte (0x0) for instantiation arg kind", e.Reason);
    }

    [Fact]
    public void Only_core_modules_core_types_components_and_types_are_aliased_from_outer_scopes()
    {
        // (alias outer 1 0 (instance)) in the binary is malformed: instance is not an outer alias sort.
        byte[] bytes = [.. Preamble, 0x06, 0x05, 0x01, 0x05, 0x02, 0x01, 0x00];
        var e = Assert.Throws<ComponentFormatException>(() => ComponentReader.Read(bytes));
        Assert.StartsWith("invalid leading byte (0x5) for component outer alias kind", e.Reason);
    }

    private static byte[] Preamble => [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    /// <summary>A component of <paramref name="length"/> option types, each wrapping the one before.</summary>
    private static string Chain(int length)
    {
        var text = new StringBuilder("(component (type u8)");
        for (var i = 1; i < length; i++)
        {
            text.Append($" (type (option {i - 1}))");
        }

        return text.Append(')').ToString();
    }

    private static ComponentFormatException Refused(string text) =>
        Assert.Throws<ComponentFormatException>(() => Runtime.LoadText(text));
}
