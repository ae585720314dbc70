using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>The generator never throws: mutated WIT ends in sources or diagnostics, never in an exception.</summary>
public class FuzzTests
{
    private static readonly string[] Fragments =
    {
        "{", "}", "<", ">", "(", ")", ",", ";", ":", "->", "option<", "result<", "list<", "tuple<", "own<", "borrow<",
        "record r { a: u32 }", "variant v { a }", "enum e { a }", "flags f { a }", "resource x;", "use i.{t};",
        "type t = u8;", "%", "@since(version = 1.0.0)", "/// doc\n", "world w { import i; }", "func()", "\u00e9", "\n",
    };

    [Fact]
    public void Mutated_inputs_never_make_the_generator_throw()
    {
        var corpus = GeneratorCorpus.TypeTexts();
        var random = new Random(20261125);
        int generated = 0, failed = 0;
        for (var i = 0; i < 300; i++)
        {
            var text = Mutate(corpus[i % corpus.Count], random);
            var result = GeneratorHarness.Run(new[] { new WitSource("/fuzz/input.wit", text) });
            Assert.Null(result.Exception);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id == "WIT9999");
            if (result.GeneratedSources.Length > 0)
            {
                generated++;
            }

            if (result.Diagnostics.Any(d => d.Id == "WIT0001"))
            {
                failed++;
            }
        }

        Assert.True(generated > 0 && failed > 0, $"mutations should hit both outcomes: {generated} generated, {failed} failed");
    }

    [Fact]
    public void Mutated_inputs_that_resolve_generate_code_that_compiles()
    {
        var corpus = GeneratorCorpus.TypeTexts();
        var random = new Random(1125);
        var compiled = 0;
        for (var i = 0; i < 600 && compiled < 60; i++)
        {
            var text = Mutate(corpus[i % corpus.Count], random);
            var result = GeneratorHarness.Run(new[] { new WitSource("/fuzz/input.wit", text) });
            if (result.GeneratedSources.Length == 0 || result.Diagnostics.Any(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
            {
                continue;
            }

            compiled++;
            var compilation = GeneratorHarness.Compilation(result.GeneratedSources.Select(s => s.SourceText.ToString()).ToArray());
            var problems = compilation.GetDiagnostics().Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, "input:\n" + text + "\n" + string.Join("\n", problems.Take(10)));
        }

        Assert.True(compiled >= 20, $"only {compiled} mutated inputs resolved");
    }

    [Fact]
    public void Mutated_inputs_never_make_the_generator_throw_with_the_runtime_referenced()
    {
        // Every corpus file, the bindings ones included; the runtime reference turns on the bindings writer.
        var corpus = GeneratorCorpus.AllTexts();
        var random = new Random(20261126);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int runs = 0, bound = 0, failed = 0;
        for (var i = 0; i < 400 && clock.Elapsed < TimeSpan.FromSeconds(8); i++)
        {
            var text = Mutate(corpus[i % corpus.Count], random);
            var result = GeneratorHarness.Run(new[] { new WitSource("/fuzz/input.wit", text) }, withRuntime: true);
            runs++;
            Assert.True(result.Exception is null, "input:\n" + text + "\n" + result.Exception);
            Assert.True(!result.Diagnostics.Any(d => d.Id is "WIT9999" or "CS8785"), "input:\n" + text + "\n" + string.Join("\n", result.Diagnostics));
            if (result.GeneratedSources.Any(s => s.HintName.EndsWith("World.g.cs", StringComparison.Ordinal)))
            {
                bound++;
            }

            if (result.Diagnostics.Any(d => d.Id == "WIT0001"))
            {
                failed++;
            }
        }

        Assert.True(runs >= 50 && bound > 0 && failed > 0, $"mutations should hit both outcomes: {runs} runs, {bound} with bindings, {failed} failed");
    }

    [Fact]
    public void Mutated_bindings_that_resolve_generate_code_that_compiles_with_the_runtime()
    {
        // Compiling bindings is the slow part: a fixed number of mutations (deterministic), at most 8 compiled.
        var corpus = GeneratorCorpus.AllTexts().Where(t => t.Contains("world", StringComparison.Ordinal)).ToList();
        var random = new Random(1126);
        int tried = 0, compiled = 0;
        for (var i = 0; i < 120 && compiled < 8; i++)
        {
            var text = Mutate(corpus[i % corpus.Count], random);
            var result = GeneratorHarness.Run(new[] { new WitSource("/fuzz/input.wit", text) }, withRuntime: true);
            tried++;
            if (!result.GeneratedSources.Any(s => s.HintName.EndsWith("World.g.cs", StringComparison.Ordinal))
                || result.Diagnostics.Any(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
            {
                continue;
            }

            // Functions left out (WIT0004) and worlds with nothing to bind (WIT0006) are warnings: their code compiles too.
            compiled++;
            var problems = GeneratorHarness.CompileProblems(result, withRuntime: true);
            Assert.True(problems.Count == 0, "input:\n" + text + "\n" + string.Join("\n", problems.Take(10)));
        }

        Assert.True(compiled >= 4, $"only {compiled} of {tried} mutated inputs resolved to bindings");
    }

    [Fact]
    public void Mutated_inputs_in_guest_mode_never_make_the_generator_throw_and_compile_when_they_resolve()
    {
        var corpus = GeneratorCorpus.AllTexts().Where(t => t.Contains("world", StringComparison.Ordinal)).ToList();
        var random = new Random(20261203);
        var metadata = new Dictionary<string, string> { ["WitMode"] = "Guest" };
        int runs = 0, compiled = 0;
        for (var i = 0; i < 24; i++)
        {
            var text = Mutate(corpus[i % corpus.Count], random);
            var result = GeneratorHarness.Run(new[] { new WitSource("/fuzz/input.wit", text, metadata) });
            runs++;
            Assert.True(result.Exception is null, "input:\n" + text + "\n" + result.Exception);
            Assert.True(!result.Diagnostics.Any(d => d.Id is "WIT9999" or "CS8785"), "input:\n" + text + "\n" + string.Join("\n", result.Diagnostics));
            if (compiled >= 2
                || !result.GeneratedSources.Any(s => s.HintName.EndsWith(".Guest.g.cs", StringComparison.Ordinal))
                || result.Diagnostics.Any(d => d.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
            {
                continue;
            }

            compiled++;
            var implementations = Guest.GuestGeneration.Implementations(result);
            var problems = Guest.GuestGeneration.Compile(result, native: false, unsafeCode: false, implementations).GetDiagnostics()
                .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, "input:\n" + text + "\n" + string.Join("\n", problems.Take(10)));
        }

        Assert.True(runs == 24 && compiled >= 1, $"{runs} runs, {compiled} compiled");
    }

    private static string Mutate(string text, Random random)
    {
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds && text.Length > 0; r++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(5))
            {
                case 0:
                    text = text[..at];
                    break;
                case 1:
                    text = text[..at] + (char)random.Next(32, 0x3000) + text[(at + 1)..];
                    break;
                case 2:
                    text = text[..at] + Fragments[random.Next(Fragments.Length)] + text[at..];
                    break;
                case 3:
                    text = text[..at] + text[Math.Min(text.Length, at + random.Next(1, 12))..];
                    break;
                default:
                    var tokens = text.Split(' ');
                    if (tokens.Length > 2)
                    {
                        int a = random.Next(tokens.Length), b = random.Next(tokens.Length);
                        (tokens[a], tokens[b]) = (tokens[b], tokens[a]);
                        text = string.Join(' ', tokens);
                    }

                    break;
            }
        }

        return text;
    }
}
