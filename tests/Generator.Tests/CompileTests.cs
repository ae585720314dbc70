using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>Every generated file compiles with nullable enabled, documentation diagnosed and warnings as errors.</summary>
public class CompileTests
{
    /// <summary>Cases for xunit.</summary>
    public static IEnumerable<object[]> Cases => GeneratorCorpus.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_source_compiles_without_warnings(string name)
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load(name));
        Assert.NotEmpty(result.GeneratedSources);

        // Types that use Result, Option or Unit need the runtime (WIT0007 says so); the others compile without it.
        var needsRuntime = result.Diagnostics.Any(d => d.Id == "WIT0007");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "WIT0007");
        var problems = GeneratorHarness.CompileProblems(result, withRuntime: needsRuntime);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        if (needsRuntime)
        {
            Assert.NotEmpty(GeneratorHarness.CompileProblems(result, withRuntime: false));
        }
    }

    /// <summary>Every case, types-only and bindings, for xunit.</summary>
    public static IEnumerable<object[]> AllCases => GeneratorCorpus.AllCases;

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Generated_bindings_compile_without_warnings_with_the_runtime_referenced(string name)
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load(name), withRuntime: true);
        Assert.Null(result.Exception);
        Assert.NotEmpty(result.GeneratedSources);
        var warnings = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (name.StartsWith(GeneratorCorpus.BindingsPrefix, StringComparison.Ordinal))
        {
            Assert.Empty(warnings);
        }
        else
        {
            // The types corpus worlds declare types, not functions: their bindings have nothing to bind, which is all they say.
            Assert.All(warnings, d => Assert.Equal("WIT0006", d.Id));
        }

        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void Generated_types_are_usable_from_consumer_code()
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load("options-results").Concat(GeneratorCorpus.Load("variants")).Concat(GeneratorCorpus.Load("enums-flags")));
        const string consumer = """
            using WitBindgen.Runtime;
            using Test.Options.Values;
            using Test.Variants.Errors;
            using Test.EnumsFlags.Kinds;

            internal static class Use
            {
                public static string Describe(ErrorCode error) => error switch
                {
                    ErrorCode.Timeout => "timeout",
                    ErrorCode.Io io => io.Value,
                    ErrorCode.Value_ v => v.Value.ToString(),
                    _ => "other",
                };

                public static Maybe Make() => new(1, null, Option<uint?>.None, new Option<string?>("x"), null, new uint?[] { 1, null }, Option<uint?>.Some(2), new MaybeNot(true));

                public static Results MakeResults() => new(
                    Result<Unit, Unit>.FromOk(default),
                    Result<uint, Unit>.FromErr(default),
                    Result<Unit, string>.FromErr("e"),
                    Result<uint, string>.FromOk(4),
                    Result<uint?, string[]>.FromOk(null),
                    null);

                public static Flags70 Wide() => new Flags70(0, 0) { Flag3 = true, Flag69 = true };

                public static bool Check() => Wide().Flag69 && !Wide().Flag4 && (Perms.Read | Perms.Exec).HasFlag(Perms.Exec) && Color.Blue == (Color)2;
            }
            """;
        var sources = result.GeneratedSources.Select(s => s.SourceText.ToString()).Append(consumer).ToArray();
        var problems = GeneratorHarness.Compilation(withRuntime: true, sources).GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }

    [Fact]
    public void An_interface_reached_from_two_loads_is_generated_once()
    {
        var shared = "package shared:types;\n\ninterface common {\n    record id {\n        value: u64,\n    }\n}\n";
        var one = new Dictionary<string, string> { ["WitRoot"] = "/one" };
        var two = new Dictionary<string, string> { ["WitRoot"] = "/two" };
        var result = GeneratorHarness.Run(new[]
        {
            new WitSource("/one/main.wit", "package app:one;\n\nworld w {\n    import shared:types/common;\n}\n", one),
            new WitSource("/one/deps/shared.wit", shared, one),
            new WitSource("/two/main.wit", "package app:two;\n\nworld w {\n    import shared:types/common;\n}\n", two),
            new WitSource("/two/deps/shared.wit", shared, two),
        });

        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources, s => s.HintName == "Shared.Types.Common.g.cs");
        var problems = GeneratorHarness.Compilation(result.GeneratedSources.Select(s => s.SourceText.ToString()).ToArray())
            .GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void Resources_declared_in_a_world_are_bound_and_usable_from_consumer_code()
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load("bindings-world-resources"), withRuntime: true);
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        const string consumer = """
            using Test.WorldResources.Types;
            using Test.WorldResources.WorldResources;

            internal sealed class MemoryBlob : Blob
            {
                public override uint Size() => 0;

                public override void Append(byte b)
                {
                }

                public override void Extend(Blob other)
                {
                }
            }

            internal sealed class Marked : Marker
            {
            }

            internal sealed class Host : IWorldResourcesImports
            {
                public Blob NewBlob(byte[] init) => new MemoryBlob();

                public Blob BlobFromString(string s) => new MemoryBlob();

                public Blob MakeBlob(uint n) => new MemoryBlob();

                public uint Inspect(View v, Marker m) => v.Offset;
            }

            internal static class Use
            {
                public static uint Run(WorldResourcesWorld world, ITypes types)
                {
                    Blob built = world.Build(3);
                    var view = new View(built, 1);
                    Holder holder = new Holder.One(built);
                    Blob? wrapped = world.Wrap(holder);
                    Marker marker = world.Mark();
                    Token token = world.PassToken(world.PassToken(null!));
                    _ = new WorldResourcesWorld.Imports(types, new Host());
                    return world.SizeOf(built) + world.SizeAt(view) + world.Consume(wrapped!) + (marker is Marked ? 1u : 0u) + (token is null ? 0u : 1u);
                }
            }
            """;
        var problems = GeneratorHarness.CompileProblems(result, withRuntime: true, consumer);
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
    }
}
