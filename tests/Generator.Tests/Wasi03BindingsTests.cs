using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// Host bindings of the WASI 0.3 and wasi-http 0.3 worlds (the repository's <c>wit-0.3/</c>): every function is bound
/// (async functions, streams and futures included: no WIT0004), and the bindings compile with nullable enabled and
/// warnings as errors.
/// </summary>
public class Wasi03BindingsTests
{
    /// <summary>The worlds that together hold every interface of the packages.</summary>
    public static TheoryData<string> Worlds => new()
    {
        "witbindgen:wasi3/bindings",
        "wasi:cli/command@0.3.0",
        "wasi:http/service@0.3.0",
        "wasi:http/middleware@0.3.0",
    };

    [Theory]
    [MemberData(nameof(Worlds))]
    public void Every_function_is_bound_and_the_bindings_compile(string world)
    {
        var result = GeneratorHarness.Run(WitSource.Directory(TestPaths.Wit03, "/wit-0.3", new Dictionary<string, string> { ["WitWorld"] = world }), withRuntime: true);
        Assert.Null(result.Exception);
        var warnings = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void The_async_functions_and_streams_of_the_packages_are_in_the_bindings()
    {
        var result = GeneratorHarness.Run(WitSource.Directory(TestPaths.Wit03, "/wit-0.3", new Dictionary<string, string> { ["WitWorld"] = "wasi:http/middleware@0.3.0" }), withRuntime: true);
        var text = string.Concat(result.GeneratedSources.Select(s => s.SourceText.ToString()));

        // The handler is exported and imported: a Task-returning method on both sides.
        Assert.Contains("HandleAsync(", text, StringComparison.Ordinal);
        Assert.Contains("DefineRawAsyncFunction(\"handle\"", text, StringComparison.Ordinal);
        Assert.Contains("global::WitBindgen.Runtime.StreamReader<byte>", text, StringComparison.Ordinal);
        Assert.Contains("global::WitBindgen.Runtime.FutureReader<", text, StringComparison.Ordinal);
    }
}
