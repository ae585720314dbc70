using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Guest;
using WitBindgen.Generator.Tests.Infrastructure;
using WitBindgen.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>Guest bindings (<c>Mode="Guest"</c>): snapshots, compilation, diagnostics.</summary>
public class GuestBindingsTests
{
    /// <summary>The cases snapshotted in guest mode.</summary>
    public static IEnumerable<object[]> SnapshotCases => new[] { GuestGeneration.Harness, "bindings-values", "bindings-abi", "options-results", "variants" }.Select(n => new object[] { n });

    /// <summary>Every corpus case and the harness world.</summary>
    public static IEnumerable<object[]> AllCases => GeneratorCorpus.AllCases.Append(new object[] { GuestGeneration.Harness });

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
                var problems = GuestGeneration.Compile(result, native, unsafeCode: false, implementations).GetDiagnostics()
                    .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
                Assert.True(problems.Count == 0, $"{name} ({encoding}, native: {native}):\n" + string.Join("\n", problems.Take(20)));
            }
        }
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
    public void Resources_are_reported_at_their_functions_and_left_out()
    {
        var result = GuestGeneration.Run("bindings-resources");
        Assert.Null(result.Exception);
        var skipped = result.Diagnostics.Where(d => d.Id == "WIT0004" && d.GetMessage().Contains("guest bindings do not support resources yet", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(skipped);
        Assert.All(skipped, d => Assert.NotEqual(Location.None, d.Location));
        var text = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.DoesNotContain("[method]", text, StringComparison.Ordinal);
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
