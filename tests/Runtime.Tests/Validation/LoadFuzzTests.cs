using System.Diagnostics;
using System.Runtime.InteropServices;
using WitBindgen.Cli.Wast;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;
using Xunit;
using Xunit.Abstractions;

namespace WitBindgen.Runtime.Tests.Validation;

/// <summary>
/// No input ends the process: 100,000 mutations of the committed real components (Rust, Go, C, JS) and of every
/// hand-written fixture go through load (read, validate, compile) and, when they load, through instantiation with
/// every import filled by traps; the instances of the typed binding fixtures (Bindings.Tests) are then called, every
/// export with zero arguments. Each ends in a component or a .NET exception of the runtime's own kinds; the process
/// lives on and its memory stays bounded.
/// </summary>
public class LoadFuzzTests(ITestOutputHelper output)
{
    private static readonly int Mutations = int.TryParse(Environment.GetEnvironmentVariable("WITBINDGEN_FUZZ_MUTATIONS"), out var n) ? n : 100_000;

    /// <summary>Above this size a seed is only mutated outside its core modules (recompiling megabytes per mutation would take hours).</summary>
    private const int LargeSeed = 1_000_000;

    /// <summary>
    /// Above this size, three mutations in four stay outside the core modules: a mutated module that still validates is
    /// compiled afresh (20–200 ms each for the real guests), while the component level around it is what this runtime reads.
    /// </summary>
    private const int CompiledSeed = 8_192;

    /// <summary>A large seed takes one turn in this many rounds: each of its mutations reads, validates and hashes megabytes.</summary>
    private const int LargeSeedTurn = 8;

    [Fact]
    public void Every_mutation_loads_or_fails_with_a_runtime_exception()
    {
        var seeds = Seeds();
        Assert.True(seeds.Count >= 40, $"only {seeds.Count} seeds");
        var schedule = Schedule(seeds);
        var workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var cache = Directory.CreateTempSubdirectory("witbindgen-fuzz-");
        var clock = Stopwatch.StartNew();
        var results = new Tally[workers];
        try
        {
            // Each worker has its own runtime and random source; compiled modules are shared through one disk cache so
            // that a fresh runtime does not compile the large seeds again.
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
                results[w] = Fuzz(seeds, schedule, w, workers, cache.FullName));
        }
        finally
        {
            cache.Delete(recursive: true);
        }

        var counts = results.SelectMany(r => r.Counts).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        var peak = results.Max(r => r.PeakHeap);
        output.WriteLine($"{Mutations} mutations of {seeds.Count} seeds by {workers} workers (seed offset {FuzzSeed.Offset}) in {clock.Elapsed}: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}; peak managed heap {peak >> 20} MiB");
        var perSeed = results.SelectMany(r => r.Time).GroupBy(t => t.Key).Select(g => (g.Key, Seconds: g.Sum(t => t.Value.TotalSeconds))).OrderByDescending(t => t.Seconds);
        output.WriteLine("slowest seeds: " + string.Join(", ", perSeed.Take(8).Select(p => $"{p.Key} {p.Seconds:F1} s")));
        output.WriteLine("slowest mutations: " + string.Join(", ", results.SelectMany(r => r.Slowest).OrderByDescending(s => s.Time).Take(5).Select(s => $"{s.What} {s.Time.TotalMilliseconds:F0} ms")));
        Assert.Equal(Mutations, counts.Values.Sum());
        Assert.True(counts.GetValueOrDefault("invalid") > Mutations / 4, "most mutations should be refused");
        Assert.True(counts.GetValueOrDefault("instantiated") + counts.GetValueOrDefault("loaded") > 100, "some mutations should still load");
        Assert.True(peak < 1L << 30, $"managed heap reached {peak >> 20} MiB");
    }

    private sealed record Tally(Dictionary<string, int> Counts, Dictionary<string, TimeSpan> Time, long PeakHeap, List<(TimeSpan Time, string What)> Slowest);

    /// <summary>The order seeds take turns in: every small seed each round, a large one every <see cref="LargeSeedTurn"/> rounds.</summary>
    private static List<int> Schedule(List<(string Name, byte[] Bytes, List<(int Start, int Length)> Modules)> seeds)
    {
        var schedule = new List<int>();
        for (var round = 0; round < LargeSeedTurn; round++)
        {
            schedule.AddRange(Enumerable.Range(0, seeds.Count).Where(i => seeds[i].Bytes.Length <= LargeSeed || i % LargeSeedTurn == round));
        }

        return schedule;
    }

    /// <summary>One worker's share: mutations <paramref name="worker"/>, worker + workers, ... of the schedule.</summary>
    private static Tally Fuzz(List<(string Name, byte[] Bytes, List<(int Start, int Length)> Modules)> seeds, List<int> schedule, int worker, int workers, string cache)
    {
        var random = new Random(FuzzSeed.Of(20261202 + worker));
        var counts = new Dictionary<string, int>();
        var time = new Dictionary<string, TimeSpan>();
        var slowest = new List<(TimeSpan, string)>();
        var options = new ComponentRuntimeOptions { CacheDirectory = cache };
        var runtime = new ComponentRuntime(options);
        long peak = 0;
        try
        {
            for (var i = worker; i < Mutations; i += workers)
            {
                var (name, bytes, modules) = seeds[schedule[i % schedule.Count]];
                var started = Stopwatch.GetTimestamp();
                var mutated = bytes.Length > LargeSeed || (bytes.Length > CompiledSeed && random.Next(4) != 0)
                    ? MutateOutside(bytes, modules, random)
                    : ByteMutations.Mutate(bytes, random, maxRun: 16);
                var outcome = Run(runtime, mutated, instantiate: SameModules(mutated, bytes, modules), call: name.EndsWith(".wat", StringComparison.Ordinal));
                counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                var elapsed = Stopwatch.GetElapsedTime(started);
                time[name] = time.GetValueOrDefault(name) + elapsed;
                if (elapsed > TimeSpan.FromMilliseconds(100))
                {
                    slowest.Add((elapsed, $"{name} #{i} {outcome}"));
                }

                // The runtime keeps every module it compiled; a fresh one now and then keeps memory bounded.
                if (i / workers % 1000 == 999)
                {
                    runtime.Dispose();
                    runtime = new ComponentRuntime(options);
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                }
            }
        }
        finally
        {
            runtime.Dispose();
        }

        return new Tally(counts, time, peak, slowest);
    }

    /// <summary>
    /// Loads (and instantiates, when allowed, and then calls every exported function without handles in its parameters
    /// with zero values, when <paramref name="call"/>) one input; returns what happened, or fails on an unexpected exception.
    /// </summary>
    private static string Run(ComponentRuntime runtime, byte[] bytes, bool instantiate, bool call)
    {
        LoadedComponent component;
        try
        {
            component = runtime.Load(bytes);
        }
        catch (ComponentFormatException)
        {
            return "invalid";
        }

        if (!instantiate)
        {
            return "loaded";
        }

        try
        {
            using var instance = component.Instantiate(new HostImports().DefineUnknownAsTraps(component));
            return call ? CallAll(instance) : "instantiated";
        }
        catch (Exception e) when (e is ComponentLinkException or ComponentTrapException or NotImplementedException)
        {
            return "refused at instantiation";
        }
    }

    /// <summary>
    /// Calls the exported functions (top-level and of exported instances) of the typed fixtures, whose guest code is
    /// unchanged but whose component-level types the mutation may have changed: each returns, traps, or reaches an
    /// import (which throws <see cref="NotImplementedException"/>); a trap poisons the instance, so calls stop there.
    /// </summary>
    private static string CallAll(ComponentInstance instance)
    {
        var functions = new List<ComponentFunction>();
        foreach (var name in instance.ExportNames)
        {
            if (instance.GetFunction(name) is { } function)
            {
                functions.Add(function);
            }
            else if (instance.FindExport(name) is Instantiation.RuntimeInstance exported)
            {
                functions.AddRange(exported.Exports.Keys.Select(f => instance.GetFunction(name, f)).OfType<ComponentFunction>());
            }
        }

        var returned = 0;
        foreach (var function in functions)
        {
            var arguments = function.Type?.Parameters.Select(Zero).ToArray();
            if (arguments is null || arguments.Any(a => a is null))
            {
                continue;
            }

            try
            {
                function.Invoke(arguments!);
                returned++;
            }
            catch (NotImplementedException)
            {
            }
            catch (ComponentTrapException)
            {
                return returned > 0 ? "called" : "trapped in a call";
            }
        }

        return returned > 0 ? "called" : "instantiated";
    }

    /// <summary>The zero value of a type (first case, empty list, none, ok, ...), or null for handles, maps and fixed lists.</summary>
    private static WitValue? Zero(AbiType type) => type switch
    {
        AbiStringType => WitValue.String(""),
        AbiMapType or AbiFixedListType or AbiOwnType or AbiBorrowType => null,
        AbiListType => WitValue.List(),
        AbiRecordType r => Compose(r.Fields.Select(f => f.Type), WitValue.Record),
        AbiTupleType t => Compose(t.FieldTypes, WitValue.Tuple),
        AbiVariantType v => v.Cases[0].Payload is { } payload ? Zero(payload) is { } p ? WitValue.Variant(0, p) : null : WitValue.Variant(0),
        AbiEnumType => WitValue.Enum(0),
        AbiFlagsType f => WitValue.Flags(f.Count),
        AbiOptionType => WitValue.None,
        AbiResultType r => r.Ok is { } ok ? Zero(ok) is { } p ? WitValue.Ok(p) : null : WitValue.Ok(),
        _ => type.Kind switch
        {
            AbiTypeKind.Bool => WitValue.Bool(false),
            AbiTypeKind.S8 => WitValue.S8(0),
            AbiTypeKind.U8 => WitValue.U8(0),
            AbiTypeKind.S16 => WitValue.S16(0),
            AbiTypeKind.U16 => WitValue.U16(0),
            AbiTypeKind.S32 => WitValue.S32(0),
            AbiTypeKind.U32 => WitValue.U32(0),
            AbiTypeKind.S64 => WitValue.S64(0),
            AbiTypeKind.U64 => WitValue.U64(0),
            AbiTypeKind.F32 => WitValue.F32(0),
            AbiTypeKind.F64 => WitValue.F64(0),
            AbiTypeKind.Char => WitValue.Char(new System.Text.Rune('a')),
            _ => null,
        },
    };

    private static WitValue? Compose(IEnumerable<AbiType> types, Func<WitValue[], WitValue> make)
    {
        var values = types.Select(Zero).ToArray();
        return values.Any(v => v is null) ? null : make(values!);
    }

    /// <summary>
    /// Instantiation runs start functions: only mutations that left every core module as it was are instantiated, so
    /// that no mutated guest code (an endless loop) runs. Mutated modules are still read, validated and compiled.
    /// </summary>
    private static bool SameModules(byte[] mutated, byte[] original, List<(int Start, int Length)> modules)
    {
        try
        {
            var found = Modules(ComponentReader.Read(mutated), mutated);
            return found.Count == modules.Count
                && found.Zip(modules).All(p => mutated.AsSpan(p.First.Start, p.First.Length).SequenceEqual(original.AsSpan(p.Second.Start, p.Second.Length)));
        }
        catch (ComponentFormatException)
        {
            return false;
        }
    }

    /// <summary>One edit of the same kinds outside the core modules (their bytes stay as they were, so they are not compiled again).</summary>
    private static byte[] MutateOutside(byte[] original, List<(int Start, int Length)> modules, Random random)
    {
        // Pick the n-th byte outside the modules (sorted by start, none overlapping).
        var outside = original.Length - modules.Sum(m => m.Length);
        var position = random.Next(outside);
        foreach (var module in modules.OrderBy(m => m.Start))
        {
            if (position >= module.Start)
            {
                position += module.Length;
            }
        }

        var kind = random.Next(ByteMutations.Kinds);
        var removed = kind switch { 3 => 1, 5 => Math.Min(original.Length - position, 1 + random.Next(16)), _ => 0 };
        var inserted = kind == 4 ? 1 : 0;
        var bytes = new byte[original.Length - removed + inserted];
        original.AsSpan(0, position).CopyTo(bytes);
        original.AsSpan(position + removed).CopyTo(bytes.AsSpan(position + inserted));
        if (removed == 0)
        {
            bytes[position] = ByteMutations.NewByte(kind, bytes[position], random);
        }

        return bytes;
    }

    /// <summary>The committed components, the fixtures written in component text and every component of the project's own scripts.</summary>
    private static List<(string Name, byte[] Bytes, List<(int Start, int Length)> Modules)> Seeds()
    {
        var binaries = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "RealComponents"), "*.wasm", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.wasm", SearchOption.AllDirectories))
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)));
        var texts = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "BindingFixtures"), "*.wat")
            .Select(f => (Path.GetFileName(f), WatText.ToBinary(File.ReadAllText(f))));
        var scripts = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Wast", "Scripts"), "*.wast")
            .SelectMany(f => ScriptComponents(File.ReadAllText(f)).Select((b, i) => ($"{Path.GetFileName(f)}#{i}", b)));
        return binaries.Concat(texts).Concat(scripts)
            .Select(s => (s.Item1, s.Item2, Modules(ComponentReader.Read(s.Item2), s.Item2)))
            .ToList();
    }

    /// <summary>The components a script defines that load (those it asserts to be refused are left out).</summary>
    private static IEnumerable<byte[]> ScriptComponents(string script)
    {
        foreach (var directive in SExpression.ParseAll(script).Where(d => d.Head == "component"))
        {
            var items = directive.Items;
            if (items.Count > 1 && items[1].Atom == "instance")
            {
                continue;
            }

            var text = items.Count > 1 && items[1].Atom == "definition"
                ? script[directive.Start..items[1].Start] + script[items[1].End..directive.End]
                : script[directive.Start..directive.End];
            byte[]? binary = null;
            try
            {
                binary = WatText.ToBinary(text);
            }
            catch (FormatException)
            {
            }

            if (binary is not null)
            {
                yield return binary;
            }
        }
    }

    /// <summary>Where the core modules of a component (nested ones included) lie in its binary.</summary>
    private static List<(int Start, int Length)> Modules(ComponentDefinition component, byte[] bytes)
    {
        var found = new List<(int, int)>();
        foreach (var item in component.Items)
        {
            switch (item)
            {
                case CoreModuleItem module when MemoryMarshal.TryGetArray(module.Bytes, out var segment) && ReferenceEquals(segment.Array, bytes):
                    found.Add((segment.Offset, segment.Count));
                    break;
                case NestedComponentItem nested:
                    found.AddRange(Modules(nested.Component, bytes));
                    break;
            }
        }

        return found;
    }
}
