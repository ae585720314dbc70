using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// Which exported functions get the large-result overloads (a span and an <c>IBufferWriter&lt;byte&gt;</c> destination):
/// synchronous freestanding and static functions whose result is exactly a <c>string</c> or a <c>list&lt;u8&gt;</c>.
/// </summary>
public class LargeResultBindingsTests
{
    private const string Wit = """
        package test:large;

        interface files {
            resource file {
                constructor();
                name: func() -> string;
                make-name: static func() -> string;
            }
        }

        world large {
            export files;
            export text: func() -> string;
            export bytes: func(n: u32) -> list<u8>;
            export clash: func(utf8-destination: string) -> string;
            export maybe: func() -> option<string>;
            export words: func() -> list<u32>;
            export pair: func() -> tuple<string, string>;
            export later: async func() -> string;
        }
        """;

    private const string Consumer = """
        using System;
        using System.Buffers;
        using Test.Large.Large;

        internal static class Consumer
        {
            public static int Use(LargeWorld world, Span<byte> span, IBufferWriter<byte> writer) =>
                world.Text(span) + world.Text(writer)
                + world.Bytes(7, destination: span) + world.Bytes(7, destination: writer)
                + world.Clash("x", utf8Destination_: span) + world.Clash("x", writer)
                + world.Files.FileMakeName(span) + world.Files.FileMakeName(writer);
        }
        """;

    [Fact]
    public void String_and_byte_list_results_get_span_and_writer_overloads_and_nothing_else_does()
    {
        var result = GeneratorHarness.Run([new WitSource("/large.wit", Wit)], withRuntime: true);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        var generated = string.Join("\n", result.GeneratedSources.Select(s => s.SourceText.ToString()));

        Assert.Contains("public int Text(global::System.Span<byte> utf8Destination)", generated);
        Assert.Contains("public int Text(global::System.Buffers.IBufferWriter<byte> utf8Destination)", generated);
        Assert.Contains("public int Bytes(uint n, global::System.Span<byte> destination)", generated);
        Assert.Contains("public int Clash(string utf8Destination, global::System.Span<byte> utf8Destination_)", generated);
        Assert.Contains("public int FileMakeName(global::System.Buffers.IBufferWriter<byte> utf8Destination)", generated);

        // Results that only contain text, lists of other elements, resource methods and async functions: the ordinary method only.
        foreach (var name in new[] { "Maybe", "Words", "Pair", "Name", "Later", "LaterAsync" })
        {
            Assert.DoesNotContain($"public int {name}(", generated);
        }

        // Exactly the four functions above: Text, Bytes, Clash and FileMakeName.
        var overloads = generated.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("public int ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, overloads.Count(l => l.Contains("global::System.Span<byte> ", StringComparison.Ordinal)));
        Assert.Equal(4, overloads.Count(l => l.Contains("global::System.Buffers.IBufferWriter<byte> ", StringComparison.Ordinal)));

        var compilation = GeneratorHarness.Compilation(withRuntime: true, [.. result.GeneratedSources.Select(s => s.SourceText.ToString()), Consumer]);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
