using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>WIT names to C# identifiers.</summary>
public class NamingTests
{
    [Theory]
    [InlineData("foo", "Foo")]
    [InlineData("foo-bar", "FooBar")]
    [InlineData("HTTP-version", "HTTPVersion")]
    [InlineData("%type", "Type")]
    [InlineData("a-b-c", "ABC")]
    public void Pascal_case(string wit, string expected) => Assert.Equal(expected, Naming.Pascal(wit));

    [Fact]
    public void Keywords_are_escaped() => Assert.Equal("@class", Naming.Escape("class"));

    [Fact]
    public void Collisions_get_a_suffix()
    {
        var taken = new HashSet<string> { "Equals" };
        Assert.Equal("Equals_", Naming.Unique("Equals", taken));
        Assert.Equal("Equals_2", Naming.Unique("Equals", taken));
        Assert.Equal("Other", Naming.Unique("Other", taken));
    }

    [Theory]
    [InlineData("Plugin", "World", "PluginWorld")]
    [InlineData("PluginWorld", "World", "PluginWorld")]
    [InlineData("XWorld", "World", "XWorld")]
    [InlineData("World", "World", "World")]
    [InlineData("Worldly", "World", "WorldlyWorld")]
    [InlineData("Api", "Exports", "ApiExports")]
    [InlineData("ApiExports", "Exports", "ApiExports")]
    public void Suffixes_are_added_once(string name, string suffix, string expected) => Assert.Equal(expected, Naming.WithSuffix(name, suffix));

    [Theory]
    [InlineData("plugin", "Plugin", "PluginWorld")]
    [InlineData("plugin-world", "PluginWorld", "PluginWorld")]
    [InlineData("x-world", "XWorld", "XWorld")]
    [InlineData("%world", "World", "World")]
    public void World_classes_do_not_stutter(string world, string ns, string className)
    {
        var result = Generate($"package test:app;\n\nworld {world} {{\n    export run: func() -> u32;\n}}\n");
        var source = Assert.Single(result.GeneratedSources);
        Assert.Equal($"Test.App.{ns}.{className}.g.cs", source.HintName);
        var text = source.SourceText.ToString();
        Assert.Contains($"public sealed partial class {className} : global::System.IDisposable", text);
        Assert.Contains($"internal sealed class {className}Abi", text);
        Assert.DoesNotContain("WorldWorld", text);
    }

    [Theory]
    [InlineData("plugin", "IPluginImports")]
    [InlineData("host-imports", "IHostImports")]
    public void World_function_imports_interfaces_do_not_stutter(string world, string interfaceName)
    {
        var result = Generate($"package test:app;\n\nworld {world} {{\n    import log: func(msg: string);\n    export run: func();\n}}\n");
        Assert.Contains(result.GeneratedSources, s => s.HintName.EndsWith("." + interfaceName + ".g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratedSources, s => s.SourceText.ToString().Contains("ImportsImports", StringComparison.Ordinal));
    }

    [Fact]
    public void Exported_interface_classes_do_not_stutter_and_keep_the_property_name()
    {
        var result = Generate("package test:app;\n\ninterface api-exports {\n    run: func() -> u32;\n}\n\ninterface tools {\n    run: func() -> u32;\n}\n\nworld plugin {\n    export api-exports;\n    export tools;\n}\n");
        var text = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain("ExportsExports", text);
        // The property is named after the interface; the nested class cannot share its name, so it takes the usual "_".
        Assert.Contains("public ApiExports_ ApiExports { get; }", text);
        Assert.Contains("public ToolsExports Tools { get; }", text);
    }

    [Fact]
    public void A_world_named_like_an_interface_of_its_package_gets_a_separate_namespace_without_stutter()
    {
        // WIT names differ, C# names do not: HTTP-world and h-t-t-p-world are both HTTPWorld.
        var result = Generate("package test:app;\n\ninterface HTTP-world {\n    record r { a: u32 }\n}\n\nworld h-t-t-p-world {\n    import HTTP-world;\n    export run: func();\n}\n");
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Test.App.HTTPWorld.g.cs");
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Test.App.HTTPWorld_.HTTPWorld.g.cs");
    }

    /// <summary>Runs the generator with the runtime referenced and checks that what it made compiles.</summary>
    private static GeneratorRunResult Generate(string wit)
    {
        var result = GeneratorHarness.Run(new[] { new WitSource("/app.wit", wit) }, withRuntime: true);
        Assert.Empty(result.Diagnostics);
        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
        return result;
    }
}
