using WitBindgen.Runtime.Binary;
using Xunit;

namespace WitBindgen.Runtime.Tests.Validation;

/// <summary>The rules on names, as loading a component applies them: the reason and the offset of the definition at fault.</summary>
public class NameRulesTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static ComponentFormatException Refused(string text) =>
        Assert.Throws<ComponentFormatException>(() => Runtime.LoadText(text));

    private static int OffsetOf(string text, Func<ComponentDefinition, Definition> definition) =>
        definition(ComponentReader.Read(WatText.ToBinary(text))).Offset;

    [Fact]
    public void A_name_that_is_not_kebab_case_is_refused_at_its_import()
    {
        const string text = """
            (component
              (import "fine" (func))
              (import "notFine" (func)))
            """;
        var e = Refused(text);
        Assert.Equal("invalid component: import name `notFine` is not a valid extern name: `notFine` is not in kebab case", e.Reason);
        Assert.Equal(OffsetOf(text, c => c.Imports.Last()), e.Offset);
    }

    [Fact]
    public void Names_conflict_case_insensitively_within_the_exports_of_a_component()
    {
        const string text = """
            (component
              (import "f" (func $f))
              (export "run-XML" (func $f))
              (export "RUN-xml" (func $f)))
            """;
        var e = Refused(text);
        Assert.Equal("invalid component: export name `RUN-xml` conflicts with previous name `run-XML`", e.Reason);
        Assert.Equal(OffsetOf(text, c => c.Exports.Last()), e.Offset);
    }

    [Fact]
    public void Imports_and_exports_are_separate_namespaces()
    {
        Runtime.LoadText("""
            (component
              (import "f" (func $f))
              (export "f" (func $f)))
            """);
    }

    [Fact]
    public void An_import_declaration_of_a_component_type_is_refused_at_the_declaration()
    {
        const string text = """
            (component
              (type (component
                (import "ok" (func))
                (import "[method]r.m" (func)))))
            """;
        var e = Refused(text);
        Assert.StartsWith("invalid component: import name `[method]r.m` is not valid: function should have at least one argument", e.Reason);
        var type = (ComponentType)OnlyType(text);
        Assert.Equal(type.Imports.Last().Offset, e.Offset);
    }

    [Fact]
    public void A_method_must_borrow_the_resource_its_name_gives()
    {
        var e = Refused("""
            (component
              (import "a" (type $a (sub resource)))
              (import "b" (type $b (sub resource)))
              (import "[method]b.m" (func (param "self" (borrow $a)))))
            """);
        Assert.Equal(
            "invalid component: import name `[method]b.m` is not valid: function does not match expected resource name `a` (its resource type is imported as `a`, not `b`)",
            e.Reason);
    }

    [Fact]
    public void An_exported_constructor_needs_the_type_index_its_export_introduced()
    {
        const string component = """
            (component
              (type $r (resource (rep i32)))
              (core module $m (func (export "new") (result i32) unreachable))
              (core instance $i (instantiate $m))
              (export $r2 "r" (type $r))
              (func $new (result (own {0})) (canon lift (core func $i "new")))
              (export "[constructor]r" (func $new)))
            """;
        Runtime.LoadText(string.Format(System.Globalization.CultureInfo.InvariantCulture, component, "$r2"));
        var e = Refused(string.Format(System.Globalization.CultureInfo.InvariantCulture, component, "$r"));
        Assert.Contains("resource used in function does not have a name in this context", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_method_of_an_instantiated_component_is_named_by_the_argument_it_was_given()
    {
        // The nested component's function borrows its own import, which the instantiation replaces by the
        // outer component's exported resource type: the method's resource is named by that export.
        Runtime.LoadText("""
            (component
              (type $r (resource (rep i32)))
              (export $r2 "r" (type $r))
              (component $c
                (import "t" (type $t (sub resource)))
                (core module $m (func (export "m") (param i32) unreachable))
                (core instance $i (instantiate $m))
                (func (export "m") (param "self" (borrow $t)) (canon lift (core func $i "m"))))
              (instance $inst (instantiate $c (with "t" (type $r2))))
              (alias export $inst "m" (func $m))
              (export "[method]r.m" (func $m)))
            """);
    }

    [Fact]
    public void Labels_inside_types_are_checked()
    {
        var e = Refused("""(component (type (flags "a" "b" "A")))""");
        Assert.Equal("invalid component: flag name `A` conflicts with previous flag name `a`", e.Reason);
    }

    [Fact]
    public void A_versionsuffix_completes_a_canonical_version()
    {
        Runtime.LoadText("""(component (import "wasi:http/types@0.2" (versionsuffix ".6") (instance)))""");
        var e = Refused("""(component (import "wasi:http/types@0.2" (versionsuffix ".x") (instance)))""");
        Assert.Equal(
            "invalid component: the version `0.2` of import `wasi:http/types@0.2` with its `versionsuffix` `.x` is not a valid semver: " +
            "unexpected character 'x' while parsing patch version number",
            e.Reason);
    }

    private static DefinedType OnlyType(string text) =>
        ComponentReader.Read(WatText.ToBinary(text)).Items.OfType<TypeItem>().Single().Type;
}
