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
    [InlineData("Server", "unknown Mode \"Server\": expected \"Host\" or \"Guest\"")]
    public void An_unknown_mode_is_WIT0005_and_generates_nothing(string mode, string message)
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

            record untyped {
                s: stream,
            }

            plain: func(x: u32) -> u32;
            waits: async func(x: u32) -> u32;
            takes-future: func(f: future<string>);
            gives-stream: func() -> stream<u8>;
            fails: func(e: error-context);
            holds: func(h: holder);
            bare: func() -> future;
            keeps: func(u: untyped);
        }

        interface store {
            resource shelf {
                fetch: async func() -> u32;
            }
        }

        world asyncs {
            import host;
            export store;
            import now: async func() -> u64;
            import tick: func() -> u64;
            export run: async func();
            export poll: func(s: stream<u32>) -> u32;
            export ok: func(x: string) -> string;
        }
        """;

    [Fact]
    public void Each_function_left_out_of_the_bindings_is_a_WIT0004_warning_at_its_declaration()
    {
        var result = GeneratorHarness.Run(new[] { new WitSource("/a/asyncs.wit", AsyncWorld) }, withRuntime: true);
        Assert.Null(result.Exception);
        Assert.All(result.Diagnostics, d =>
        {
            Assert.Equal("WIT0004", d.Id);
            Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity); // reported as an error here: the test compilation treats warnings as errors
        });

        // One diagnostic per function, at the function's name, saying what cannot be bound.
        var expected = new (string Name, string Message)[]
        {
            ("bare", "the function 'bare' of interface 'a:asyncs/host' is left out of the bindings: its result has the type 'future', which has no element type (only typed streams and futures have a typed handle)"),
            ("keeps", "the function 'keeps' of interface 'a:asyncs/host' is left out of the bindings: its parameter 'u' has the type 'untyped', which holds 'stream', which has no element type (only typed streams and futures have a typed handle)"),
        };
        foreach (var (name, message) in expected)
        {
            var diagnostic = Assert.Single(result.Diagnostics, d => d.GetMessage() == message);
            var span = diagnostic.Location.GetLineSpan();
            Assert.Equal("/a/asyncs.wit", span.Path);
            Assert.Equal(name, AsyncWorld.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
            var line = AsyncWorld.Split('\n')[span.StartLinePosition.Line];
            Assert.Equal(line.IndexOf(name + ":", StringComparison.Ordinal), span.StartLinePosition.Character);
        }

        // The record holding an untyped stream is generated with an object field, said once, at the record.
        var untyped = Assert.Single(result.Diagnostics, d => d.GetMessage() == "the WIT type 'stream' in 'untyped' has no C# mapping yet; it is generated as object");
        Assert.Equal("untyped", AsyncWorld.Substring(untyped.Location.SourceSpan.Start, untyped.Location.SourceSpan.Length));
        Assert.Equal(expected.Length + 1, result.Diagnostics.Length);

        // Async functions, typed streams and futures are bound; the others are not.
        var text = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("uint Plain(uint x)", text);
        Assert.Contains("ulong Tick()", text);
        Assert.Contains("public string Ok(string x)", text);
        Assert.Contains("global::System.Threading.Tasks.Task<uint> WaitsAsync(uint x, global::System.Threading.CancellationToken cancellationToken = default)", text);
        Assert.Contains("void TakesFuture(global::WitBindgen.Runtime.FutureReader<string> f)", text);
        Assert.Contains("global::WitBindgen.Runtime.StreamReader<byte> GivesStream()", text);
        Assert.Contains("global::WitBindgen.Runtime.FutureReader<uint> F", text);
        Assert.Contains("global::System.Threading.Tasks.Task<ulong> NowAsync(global::System.Threading.CancellationToken cancellationToken = default)", text);
        Assert.Contains("public global::System.Threading.Tasks.Task RunAsync(global::System.Threading.CancellationToken cancellationToken = default)", text);
        Assert.Contains("public uint Poll(global::WitBindgen.Runtime.StreamReader<uint> s)", text);
        Assert.Contains("public global::System.Threading.Tasks.Task<uint> FetchAsync(global::System.Threading.CancellationToken cancellationToken = default)", text);
        Assert.Contains("void Fails(global::WitBindgen.Runtime.ErrorContext e)", text);
        foreach (var left in new[] { "Bare(", "Keeps(" })
        {
            Assert.DoesNotContain(left, text);
        }

        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

        // Types only: no function is bound; the typed future needs the runtime (WIT0007), the untyped stream is object.
        var typesOnly = GeneratorHarness.Run(new[] { new WitSource("/a/asyncs.wit", AsyncWorld) });
        Assert.Contains(typesOnly.Diagnostics, d => d.Id == "WIT0007" && d.GetMessage().Contains("FutureReader<T>", StringComparison.Ordinal));
        Assert.Contains(typesOnly.Diagnostics, d => d.GetMessage() == untyped.GetMessage());
    }

    [Fact]
    public void Guest_bindings_report_async_functions_streams_and_futures_at_their_declarations()
    {
        const string text = """
            package a:g;

            world app {
                import later: async func() -> u32;
                export pipe: func(s: stream<u8>) -> u32;
                export blame: func() -> error-context;
                export ok: func(x: u32) -> u32;
            }
            """;
        var result = GeneratorHarness.Run(new[] { new WitSource("/g.wit", text, new Dictionary<string, string> { ["WitMode"] = "Guest" }) });
        Assert.Null(result.Exception);
        var later = Assert.Single(result.Diagnostics, d => d.GetMessage() == "the function 'later' of world 'app' is left out of the bindings: async functions are not bound in guest bindings yet");
        Assert.Equal("later", text.Substring(later.Location.SourceSpan.Start, later.Location.SourceSpan.Length));
        var pipe = Assert.Single(result.Diagnostics, d => d.GetMessage() == "the function 'pipe' of world 'app' is left out of the bindings: its parameter 's' has the type 'stream<u8>', which guest bindings do not support yet (streams and futures are bound in host bindings only)");
        Assert.Equal("pipe", text.Substring(pipe.Location.SourceSpan.Start, pipe.Location.SourceSpan.Length));
        Assert.Single(result.Diagnostics, d => d.GetMessage() == "the function 'blame' of world 'app' is left out of the bindings: its result has the type 'error-context', which guest bindings do not support yet (error contexts are bound in host bindings only)");
    }

    [Fact]
    public void A_world_whose_exports_are_all_left_out_is_WIT0006_at_the_world()
    {
        const string text = "package a:b;\n\nworld waits {\n    import log: func(s: string);\n    export run: func(f: future);\n    export poll: func(s: stream);\n}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text) }, withRuntime: true);
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "WIT0004"));
        var nothing = Assert.Single(result.Diagnostics, d => d.Id == "WIT0006");
        Assert.Equal(DiagnosticSeverity.Warning, nothing.DefaultSeverity);
        Assert.Equal("none of the 2 functions the world 'waits' exports can be bound (see WIT0004): WaitsWorld has nothing to call", nothing.GetMessage());
        Assert.Equal("waits", text.Substring(nothing.Location.SourceSpan.Start, nothing.Location.SourceSpan.Length));
        Assert.Equal(2, nothing.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(GeneratorHarness.CompileProblems(result, withRuntime: true));
    }

    [Fact]
    public void A_world_whose_imports_are_all_left_out_is_WIT0006()
    {
        const string text = "package a:b;\n\ninterface clock {\n    now: func() -> future;\n}\n\nworld w {\n    import clock;\n    export run: func();\n}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text) }, withRuntime: true);
        var nothing = Assert.Single(result.Diagnostics, d => d.Id == "WIT0006");
        Assert.Equal("none of the 1 functions the world 'w' imports can be bound (see WIT0004): the component's imports cannot be implemented through WWorld.Imports", nothing.GetMessage());
    }

    [Theory]
    [InlineData("world empty {}", "the world 'empty' has no function to bind: EmptyWorld has nothing to call and nothing to implement (only the world's types are useful)")]
    [InlineData("interface t {\n    record r { x: u32 }\n}\n\nworld empty {\n    import t;\n}", "the world 'empty' has no function to bind: EmptyWorld has nothing to call and nothing to implement (only the world's types are useful)")]
    [InlineData("interface h {\n    log: func(s: string);\n}\n\nworld empty {\n    import h;\n}", null)]
    [InlineData("world empty {\n    export run: func();\n}", null)]
    public void A_world_with_no_function_to_bind_is_WIT0006_but_a_world_of_imports_only_is_not(string world, string? message)
    {
        var text = "package a:b;\n\n" + world + "\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text) }, withRuntime: true);
        if (message is null)
        {
            Assert.Empty(result.Diagnostics);
        }
        else
        {
            Assert.Equal(message, Assert.Single(result.Diagnostics).GetMessage());
        }

        // Types only: no bindings, so nothing to say.
        Assert.Empty(GeneratorHarness.Run(new[] { new WitSource("/w.wit", text) }).Diagnostics);
    }

    [Fact]
    public void An_unknown_world_is_WIT0003_listing_the_worlds_at_the_closest_one()
    {
        const string text = "package a:b;\n\nworld full {}\nworld plugin {}\n";
        var result = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text, new Dictionary<string, string> { ["WitWorld"] = "ful" }) });
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0003", diagnostic.Id);
        Assert.Equal("world 'ful' is not defined in package a:b; the package defines: full, plugin (did you mean 'full'?)", diagnostic.GetMessage());
        Assert.Equal("/w.wit", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("full", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));

        // Nothing close: at the package header.
        var far = GeneratorHarness.Run(new[] { new WitSource("/w.wit", text, new Dictionary<string, string> { ["WitWorld"] = "server" }) });
        var farDiagnostic = Assert.Single(far.Diagnostics);
        Assert.Equal("world 'server' is not defined in package a:b; the package defines: full, plugin", farDiagnostic.GetMessage());
        Assert.Equal("a:b", text.Substring(farDiagnostic.Location.SourceSpan.Start, farDiagnostic.Location.SourceSpan.Length));

        // A package without worlds says so.
        var none = GeneratorHarness.Run(new[] { new WitSource("/i.wit", "package a:c;\n\ninterface i {}\n", new Dictionary<string, string> { ["WitWorld"] = "w" }) });
        Assert.Equal("world 'w' is not defined in package a:c; the package defines no worlds", Assert.Single(none.Diagnostics).GetMessage());
    }

    [Fact]
    public void Several_worlds_without_WitWorld_is_WIT0002_at_the_package_header()
    {
        const string text = "package a:b;\n\nworld one {}\nworld two {}\n";
        var diagnostic = Assert.Single(GeneratorHarness.Run(new[] { new WitSource("/w.wit", text) }).Diagnostics);
        Assert.Equal("WIT0002", diagnostic.Id);
        Assert.Contains("(one, two)", diagnostic.GetMessage());
        Assert.Equal("a:b", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void Diagnostics_in_a_package_directory_point_into_the_file_that_declares_the_function()
    {
        var meta = new Dictionary<string, string> { ["WitRoot"] = "/pkg" };
        const string types = "package a:main;\n\ninterface waits {\n    later: func(e: future);\n    now: func();\n}\n";
        var result = GeneratorHarness.Run(new[]
        {
            new WitSource("/pkg/main.wit", "package a:main;\n\nworld w {\n    import waits;\n    export run: func();\n}\n", meta),
            new WitSource("/pkg/types.wit", types, meta),
        }, withRuntime: true);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("WIT0004", diagnostic.Id);
        Assert.Equal("/pkg/types.wit", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal("later", types.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
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
    public void Helper_types_without_the_runtime_referenced_are_WIT0007_once_per_WIT_type()
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
                ("WIT0007", DiagnosticSeverity.Error, "the WIT type 'option<option<T>>' maps to WitBindgen.Runtime.Option<T>, but the project does not reference WitBindgen.Runtime; reference the WitBindgen package (it brings the runtime)"),
                ("WIT0007", DiagnosticSeverity.Error, "the WIT type 'result' maps to WitBindgen.Runtime.Result<TOk, TErr>, but the project does not reference WitBindgen.Runtime; reference the WitBindgen package (it brings the runtime)"),
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
