using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>WIT errors become Roslyn diagnostics at the .wit file's line and column.</summary>
public class DiagnosticTests
{
    [Fact]
    public void Syntax_error_is_WIT0001_at_its_line_and_column()
    {
        const string text = "package a:b;\n\ninterface i {\n    record r {\n        x: u32\n        y: u32,\n    }\n}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/src/broken.wit", text) });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/src/broken.wit", span.Path);
        Assert.Equal(5, span.StartLinePosition.Line);       // 0-based: line 6, where `y` is
        Assert.Equal(8, span.StartLinePosition.Character);
        Assert.Equal("y", text.Substring(diagnostic.Location.SourceSpan.Start, 1));
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Resolution_error_is_WIT0001_at_the_unknown_name()
    {
        const string text = "package a:b;\n\ninterface i {\n    record r {\n        x: missing,\n    }\n}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/src/unresolved.wit", text) });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0001", diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(4, span.StartLinePosition.Line);
        Assert.Equal(11, span.StartLinePosition.Character);
        Assert.Equal("missing", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void Error_in_a_dependency_file_points_into_that_file()
    {
        var meta = new Dictionary<string, string> { ["WitRoot"] = "/pkg" };
        var result = GeneratorHarness.Run(new[]
        {
            new WitSource("/pkg/main.wit", "package a:main;\n\nworld w {\n    import a:dep/i;\n}\n", meta),
            new WitSource("/pkg/deps/dep.wit", "package a:dep;\n\ninterface i {\n    type t = nope;\n}\n", meta),
        });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0001", diagnostic.Id);
        Assert.Equal("/pkg/deps/dep.wit", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Several_worlds_without_WitWorld_is_WIT0002_and_an_unknown_world_WIT0003()
    {
        const string text = "package a:b;\n\nworld one {}\nworld two {}\n";
        var ambiguous = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text) });
        Assert.Equal("WIT0002", Assert.Single(ambiguous.Diagnostics).Id);

        var missing = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text, new Dictionary<string, string> { ["WitWorld"] = "three" }) });
        Assert.Equal("WIT0003", Assert.Single(missing.Diagnostics).Id);

        var chosen = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text, new Dictionary<string, string> { ["WitWorld"] = "two" }) });
        Assert.Empty(chosen.Diagnostics);
    }

    [Theory]
    [InlineData("Guest", "Mode=\"Guest\" (implementing a component in C#) is not supported yet")]
    [InlineData("Server", "unknown Mode \"Server\": expected \"Host\" or \"Guest\"")]
    public void Guest_or_unknown_mode_is_WIT0005_and_generates_nothing(string mode, string message)
    {
        const string text = "package a:b;\n\ninterface i {\n    enum e { x }\n}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/m.wit", text, new Dictionary<string, string> { ["WitMode"] = mode }) });
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0005", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Empty(result.GeneratedSources);

        var host = GeneratorHarness.Run(new[] { new WitSource("/m.wit", text, new Dictionary<string, string> { ["WitMode"] = "host" }) });
        Assert.Empty(host.Diagnostics);
        Assert.NotEmpty(host.GeneratedSources);
    }

    [Fact]
    public void Namespace_and_features_metadata_are_applied()
    {
        const string text = "package a:b;\n\ninterface i {\n    @unstable(feature = extra)\n    record gated {\n        x: u32,\n    }\n}\n";
        var meta = new Dictionary<string, string> { ["WitNamespace"] = "My.Bindings", ["WitFeatures"] = "extra" };
        var result = GeneratorHarness.Run(new[] { new WitSource("/f.wit", text, meta) });
        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.GeneratedSources);
        Assert.Equal("My.Bindings.I.g.cs", source.HintName);
        Assert.Contains("record struct Gated", source.SourceText.ToString());

        var withoutFeature = GeneratorHarness.Run(new[] { new WitSource("/f.wit", text) });
        Assert.Empty(withoutFeature.GeneratedSources);
    }

    [Fact]
    public void Columns_after_non_ascii_text_are_in_characters()
    {
        const string text = "package a:b;\n\ninterface i {\n    record r { /* \u00e9\u00e9\u00e9 \u4e2d */ x: nope, }\n}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/src/utf8.wit", text) });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0001", diagnostic.Id);
        var span = diagnostic.Location.SourceSpan;
        Assert.Equal("nope", text.Substring(span.Start, span.Length));
        Assert.Equal(text.Split('\n')[3].IndexOf("nope", StringComparison.Ordinal), diagnostic.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Fact]
    public void A_qualified_world_name_selects_the_world()
    {
        const string text = "package a:b@1.0.0;\n\nworld one {\n    record r {\n        x: u8,\n    }\n}\nworld two {}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text, new Dictionary<string, string> { ["WitWorld"] = "a:b/one@1.0.0" }) });
        Assert.Empty(result.Diagnostics);
        Assert.Equal("A.B.One.g.cs", Assert.Single(result.GeneratedSources).HintName);
    }

    private const string AsyncWorld = """
        package a:asyncs;

        interface host {
            record holder {
                f: future<u32>,
            }

            plain: func(x: u32) -> u32;
            waits: async func(x: u32) -> u32;
            takes-future: func(f: future<string>);
            gives-stream: func() -> stream<u8>;
            fails: func(e: error-context);
            holds: func(h: holder);
        }

        world asyncs {
            import host;
            import now: async func() -> u64;
            import tick: func() -> u64;
            export run: async func();
            export poll: func(s: stream<u32>) -> u32;
            export ok: func(x: string) -> string;
        }
        """;

    [Fact]
    public void Async_functions_and_future_stream_error_context_are_left_out_of_bindings_with_WIT0004()
    {
        var result = GeneratorHarness.Run(new[] { new WitSource("/a/asyncs.wit", AsyncWorld) }, withRuntime: true);
        Assert.Null(result.Exception);
        Assert.NotEmpty(result.Diagnostics);
        Assert.All(result.Diagnostics, d =>
        {
            Assert.Equal("WIT0004", d.Id);
            Assert.True(d.Severity < DiagnosticSeverity.Error, d.ToString());
        });
        var messages = result.Diagnostics.Select(d => d.GetMessage()).ToList();
        Assert.Contains("the async function 'waits' cannot be bound yet; it is left out of the bindings", messages);
        Assert.Contains("the async function 'now' cannot be bound yet; it is left out of the bindings", messages);
        Assert.Contains("the async function 'run' cannot be bound yet; it is left out of the bindings", messages);
        Assert.Contains(messages, m => m.Contains("'future'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'stream'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("error-context", StringComparison.Ordinal));

        // The passable functions are bound; the others are not.
        var text = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("uint Plain(uint x)", text);
        Assert.Contains("ulong Tick()", text);
        Assert.Contains("public string Ok(string x)", text);
        foreach (var left in new[] { "Waits(", "TakesFuture(", "GivesStream(", "Fails(", "Holds(", "Now(", "Run(", "Poll(" })
        {
            Assert.DoesNotContain(left, text);
        }

        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

        // Types only: no function is bound, so none is reported as left out.
        var typesOnly = GeneratorHarness.Run(new[] { new WitSource("/a/asyncs.wit", AsyncWorld) });
        Assert.All(typesOnly.Diagnostics, d => Assert.Equal("WIT0004", d.Id));
        Assert.DoesNotContain(typesOnly.Diagnostics, d => d.GetMessage().Contains("async function", StringComparison.Ordinal));
        Assert.Empty(GeneratorHarness.CompileProblems(typesOnly, withRuntime: false));
    }

    [Fact]
    public void Maps_and_fixed_length_lists_are_bound_without_diagnostics()
    {
        var result = GeneratorHarness.Run(new[] { new WitSource("/a/maps.wit", """
            package test:m;
            world m {
                import get: func(m: map<string, list<u8, 4>>) -> list<map<u32, bool>, 2>;
                export put: func(m: map<char, string>, v: list<u16, 3>) -> option<map<s64, list<string, 2>>>;
            }
            """) }, withRuntime: true);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var text = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("global::System.Collections.Generic.IReadOnlyDictionary<uint, bool>[] Get(global::System.Collections.Generic.IReadOnlyDictionary<string, byte[]> m)", text);
        Assert.Contains("Put(global::System.Collections.Generic.IReadOnlyDictionary<global::System.Text.Rune, string> m, ushort[] v)", text);
        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void Helper_types_without_the_runtime_referenced_are_WIT0006_once_per_WIT_type()
    {
        const string text = """
            package test:h;
            interface i {
                record r { a: result<u32, string>, b: result, c: option<option<u32>>, d: result<_, string> }
                record plain { a: u32 }
            }
            """;
        var typesOnly = GeneratorHarness.Run(new[] { new WitSource("/h.wit", text) });
        var messages = typesOnly.Diagnostics.Select(d => (d.Id, d.Severity, d.GetMessage())).OrderBy(d => d.Item3, StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                ("WIT0006", DiagnosticSeverity.Error, "the WIT type 'option<option<T>>' maps to WitBindgen.Runtime.Option<T>, but the project does not reference WitBindgen.Runtime; reference the WitBindgen package (it brings the runtime)"),
                ("WIT0006", DiagnosticSeverity.Error, "the WIT type 'result' maps to WitBindgen.Runtime.Result<TOk, TErr>, but the project does not reference WitBindgen.Runtime; reference the WitBindgen package (it brings the runtime)"),
            },
            messages);

        // With the runtime referenced the same types compile, and use the runtime's types.
        var withRuntime = GeneratorHarness.Run(new[] { new WitSource("/h.wit", text) }, withRuntime: true);
        Assert.Empty(withRuntime.Diagnostics);
        var source = Assert.Single(withRuntime.GeneratedSources).SourceText.ToString();
        Assert.Contains("global::WitBindgen.Runtime.Result<uint, string> A", source);
        Assert.Contains("global::WitBindgen.Runtime.Result<global::WitBindgen.Runtime.Unit, global::WitBindgen.Runtime.Unit> B", source);
        Assert.Contains("global::WitBindgen.Runtime.Option<uint?> C", source);
        Assert.Empty(GeneratorHarness.CompileProblems(withRuntime, withRuntime: true));
    }
}
