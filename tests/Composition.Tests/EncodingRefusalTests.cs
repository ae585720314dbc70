using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Composition.Tests;

/// <summary>Plans that must not become a component binary, and where each is refused.</summary>
public class EncodingRefusalTests
{
    /// <summary>store.wat with add taking s32 instead of u32: test:enc/text@1.0.0 no longer matches mid's import.</summary>
    private static byte[] MismatchedStore()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "store.wat"));
        const string add = "(func $add (param \"a\" u32) (param \"b\" u32) (result u32)";
        Assert.Contains(add, text);
        return Wasmtime.Module.ConvertText(text.Replace(add, "(func $add (param \"a\" s32) (param \"b\" s32) (result s32)"));
    }

    private const string Chain = """
        package demo:bad;
        let store = new test:store {};
        let mid = new test:mid { text: store.text, ... };
        export mid.app;
        """;

    [Fact]
    public void An_argument_whose_type_differs_from_the_import_is_refused_naming_the_instance_and_its_statement()
    {
        using var folder = EncodingGraphs.Folder().Write("test/store.wasm", MismatchedStore());
        var result = folder.Resolve(Chain);
        Assert.True(result.Success, result.ToString());

        var error = Assert.Throws<CompositionEncodingException>(() => CompositionEncoder.Encode(result.Plan!));
        Assert.StartsWith("instance `mid` (`test:mid`): the composed component is invalid:", error.Message);
        Assert.Contains("test:enc/text@1.0.0", error.Message);
        Assert.Equal(3, error.Location!.Value.Line);
        Assert.Equal("app.wac", error.Location!.Value.Path);

        // The live composition of the same plan is refused too, before any guest code runs.
        using var runtime = new ComponentRuntime();
        Assert.Throws<ComponentLinkException>(() => LiveComposition.Instantiate(result.Plan!, runtime, new HostImports()));
    }

    [Fact]
    public void A_whole_instance_that_lacks_the_imports_functions_is_refused_by_the_encoder()
    {
        // store itself exports an interface, not add, tick, shout and sum: the kinds match, the types do not.
        using var folder = EncodingGraphs.Folder();
        var result = folder.Resolve("package demo:whole;\nlet store = new test:store {};\nlet mid = new test:mid { text: store, ... };\n");
        Assert.True(result.Success, result.ToString());
        var error = Assert.Throws<CompositionEncodingException>(() => CompositionEncoder.Encode(result.Plan!));
        Assert.StartsWith("instance `mid` (`test:mid`): the composed component is invalid:", error.Message);
    }

    [Fact]
    public void A_cyclic_composition_is_refused_before_there_is_a_plan_to_encode()
    {
        using var folder = EncodingGraphs.Folder();
        var result = folder.Resolve("""
            package demo:cycle;
            let mid = new test:mid { text: store.text, ... };
            let store = new test:store { ...mid };
            export mid.app;
            """);
        Assert.False(result.Success);
        Assert.Null(result.Plan);
        var diagnostic = result.Diagnostics.First();
        Assert.Contains("`store`", diagnostic.Message);
        Assert.Equal(2, diagnostic.Location!.Value.Line);
    }

    [Fact]
    public void An_argument_of_the_wrong_kind_is_refused_before_there_is_a_plan_to_encode()
    {
        using var folder = EncodingGraphs.Folder();
        var result = folder.Resolve("""
            package demo:kind;
            let store = new test:store {};
            let mid = new test:mid { text: store.text, ... };
            let first = new test:top { app: mid.app };
            let second = new test:top { app: first.run };
            """);
        Assert.False(result.Success);
        Assert.Null(result.Plan);
        Assert.Equal(5, Assert.Single(result.Diagnostics).Location!.Value.Line);
    }
}
