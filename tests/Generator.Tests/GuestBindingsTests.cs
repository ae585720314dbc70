using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Guest;
using WitBindgen.Generator.Tests.Infrastructure;
using WitBindgen.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>Guest bindings (<c>Mode="Guest"</c>): snapshots, compilation, diagnostics.</summary>
public class GuestBindingsTests
{
    /// <summary>The cases snapshotted in guest mode: the corpus, the harness worlds and every WASI and wasi-http world.</summary>
    public static IEnumerable<object[]> SnapshotCases => GeneratorCorpus.AllCases.Select(c => (string)c[0])
        .Concat(GuestGeneration.HarnessWorlds)
        .Concat(GuestGeneration.WasiWorlds.Keys)
        .Select(n => new object[] { n });

    /// <summary>Every corpus case, the harness worlds and every world of the WASI and wasi-http packages.</summary>
    public static IEnumerable<object[]> AllCases => GeneratorCorpus.AllCases
        .Concat(GuestGeneration.HarnessWorlds.Select(n => new object[] { n }))
        .Concat(GuestGeneration.WasiWorlds.Keys.Select(n => new object[] { n }));

    [Theory]
    [MemberData(nameof(SnapshotCases))]
    public void Guest_bindings_match_snapshot(string name)
    {
        var result = GuestGeneration.Run(name);
        Assert.Null(result.Exception);
        Snapshot.Verify(GeneratorHarness.Render(result), name + ".guest", "cs");
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Guest_bindings_compile_for_wasm_and_native_builds(string name)
    {
        foreach (var encoding in new[] { "utf8", "utf16" })
        {
            var result = GuestGeneration.Run(name, encoding);
            Assert.Null(result.Exception);
            Assert.DoesNotContain(result.Diagnostics, d => d.DefaultSeverity == DiagnosticSeverity.Error);
            var implementations = GuestGeneration.Implementations(result);
            foreach (var native in new[] { false, true })
            {
                var compilation = GuestGeneration.Compile(result, native, unsafeCode: false, implementations);
                var problems = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
                Assert.True(problems.Count == 0, $"{name} ({encoding}, native: {native}):\n" + string.Join("\n", problems.Take(20)));
                if (!native)
                {
                    // The wasm build under the SDK's trimming and AOT analyzers (as IsAotCompatible runs them).
                    var aot = AotAnalyzers.Run(compilation);
                    Assert.True(aot.Count == 0, $"{name} ({encoding}), trimming/AOT analyzers:\n" + string.Join("\n", aot.Take(20)));
                }
            }
        }
    }

    [Fact]
    public void The_trimming_and_AOT_analyzers_the_compile_test_runs_report_what_they_should()
    {
        // A control: the analyzers the compile test runs over the guest bindings flag reflection and dynamic code.
        var compilation = GeneratorHarness.Compilation("""
            public static class Bad
            {
                public static System.Type? Find(string name) => System.Type.GetType(name);

                [System.Diagnostics.CodeAnalysis.RequiresDynamicCode("makes code")]
                public static void Make() { }

                public static void Call() => Make();
            }
            """);
        var ids = AotAnalyzers.Run(compilation).Select(d => d.Id).ToList();
        Assert.Contains("IL2057", ids);
        Assert.Contains("IL3050", ids);
    }

    [Fact]
    public void Guest_bindings_use_no_reflection_and_no_runtime()
    {
        var result = GuestGeneration.Run(GuestGeneration.Harness);
        var text = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain("System.Reflection", text, StringComparison.Ordinal);
        Assert.DoesNotContain("WitBindgen.Runtime", text, StringComparison.Ordinal);
        Assert.DoesNotContain("typeof(", text, StringComparison.Ordinal);
        Assert.Contains("[global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = \"test:guest/api#echo-string\")]", text, StringComparison.Ordinal);
        Assert.Contains("EntryPoint = \"cabi_post_test:guest/api#echo-string\"", text, StringComparison.Ordinal);
        Assert.Contains("EntryPoint = \"cabi_realloc\"", text, StringComparison.Ordinal);
        Assert.Contains("DllImport(\"test:guest/api\", EntryPoint = \"echo-string\")", text, StringComparison.Ordinal);
        Assert.Contains("DllImport(\"$root\", EntryPoint = \"log\")", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_export_implementation_is_a_compile_error()
    {
        var result = GuestGeneration.Run(GuestGeneration.Harness);
        var errors = GuestGeneration.Compile(result, native: false, unsafeCode: false).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, e => e.Id == "CS8795" && e.GetMessage().Contains("EchoString", StringComparison.Ordinal));
    }

    [Fact]
    public void Resources_are_bound_with_their_intrinsics_and_destructors()
    {
        var result = GuestGeneration.Run("bindings-resources");
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "WIT0004");
        var text = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("public sealed partial class File : global::WitBindgen.Guest.ImportedResource", text, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Counter", text, StringComparison.Ordinal);
        Assert.Contains("DllImport(\"test:res/host-files\", EntryPoint = \"[resource-drop]file\")", text, StringComparison.Ordinal);
        Assert.Contains("DllImport(\"test:res/host-files\", EntryPoint = \"[method]file.read\")", text, StringComparison.Ordinal);
        Assert.Contains("DllImport(\"[export]test:res/guest-counters\", EntryPoint = \"[resource-new]counter\")", text, StringComparison.Ordinal);
        Assert.Contains("DllImport(\"[export]test:res/guest-counters\", EntryPoint = \"[resource-rep]counter\")", text, StringComparison.Ordinal);
        Assert.Contains("UnmanagedCallersOnly(EntryPoint = \"test:res/guest-counters#[dtor]counter\")", text, StringComparison.Ordinal);
        Assert.Contains("UnmanagedCallersOnly(EntryPoint = \"test:res/guest-counters#[constructor]counter\")", text, StringComparison.Ordinal);
        Assert.Contains("UnmanagedCallersOnly(EntryPoint = \"test:res/guest-counters#[method]counter.increment\")", text, StringComparison.Ordinal);
        Assert.Contains("UnmanagedCallersOnly(EntryPoint = \"test:res/guest-counters#[static]counter.make\")", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interface_both_imported_and_exported_keeps_its_imported_resources()
    {
        var source = new WitSource("/guest/both.wit", """
            package test:both;
            interface store {
              resource item { constructor(n: u32); get: func() -> u32; }
              make: func(n: u32) -> item;
              count: func() -> u32;
            }
            world both { import store; export store; }
            """, new Dictionary<string, string> { ["WitMode"] = "Guest" });
        var result = GeneratorHarness.Run(new[] { source });
        Assert.Null(result.Exception);
        var skipped = result.Diagnostics.Where(d => d.Id == "WIT0004").Select(d => d.GetMessage()).ToList();
        Assert.Contains(skipped, m => m.Contains("'[constructor]item'", StringComparison.Ordinal) && m.Contains("both imported and exported", StringComparison.Ordinal));
        Assert.Contains(skipped, m => m.Contains("'make'", StringComparison.Ordinal));
        Assert.DoesNotContain(skipped, m => m.Contains("'count'", StringComparison.Ordinal));
        var problems = GuestGeneration.Compile(result, native: false, unsafeCode: false, GuestGeneration.Implementations(result)).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
    }

    [Fact]
    public void An_unknown_string_encoding_is_reported()
    {
        var result = GuestGeneration.Run(GuestGeneration.Harness, "latin1");
        Assert.Contains(result.Diagnostics, d => d.Id == "WIT0005" && d.GetMessage().Contains("latin1", StringComparison.Ordinal));
    }

    [Fact]
    public void Utf16_bindings_transcode_nothing()
    {
        var text = string.Join("\n", GuestGeneration.Run(GuestGeneration.Harness, "utf16").GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.Contains("LowerStringUtf16(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LiftStringUtf8(v", text, StringComparison.Ordinal);
    }
}
