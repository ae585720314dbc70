// Soak (docs/security.md): many instantiate + call + dispose cycles of the Rust guest, and many resources created and
// dropped in one instance, with managed and native memory sampled along the way and required to stay flat after a
// warm-up. The bounded run is part of the suite; the long run of the issue (100,000 cycles, 1,000,000 resources) is
//   WITBINDGEN_SOAK_CYCLES=100000 WITBINDGEN_SOAK_RESOURCES=1000000 \
//     dotnet test tests/Components.Tests -c Release --filter FullyQualifiedName~SoakTests --logger "console;verbosity=detailed"
using Guests.Full;
using Xunit;
using Xunit.Abstractions;

namespace WitBindgen.Components.Tests;

/// <summary>The soak tests run alone, after the parallel tests: other tests' allocations would blur the samples.</summary>
[CollectionDefinition(nameof(SoakCollection), DisableParallelization = true)]
public sealed class SoakCollection;

[Collection(nameof(SoakCollection))]
public sealed class SoakTests(ITestOutputHelper output)
{
    private static readonly int Cycles = Setting("WITBINDGEN_SOAK_CYCLES", 1_000);
    private static readonly int Resources = Setting("WITBINDGEN_SOAK_RESOURCES", 30_000);

    /// <summary>Growth allowed between the first sample after the warm-up and the last one.</summary>
    private const long ManagedMargin = 4L << 20;

    private const long NativeMargin = 48L << 20;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : fallback;

    [Fact]
    public void Instantiate_call_and_dispose_cycles_of_the_rust_guest_keep_memory_flat()
    {
        var component = BindingsRuntime.Load("full-rust.component.wasm");
        var samples = Run(Cycles, i =>
        {
            var host = new RecordingHost();
            using var world = FullWorld.Instantiate(component, new FullWorld.Imports(host), BindingsRuntime.Wasi());
            Assert.Equal((uint)i + 1, world.Values.Add((uint)i, 1));
            Assert.Equal("Hello, soak!", world.Values.Greet("soak"));
            using var counter = world.Counters.NewCounter((uint)i);
            Assert.Equal((uint)i, counter.Get());
        });
        Check("instantiate + call + dispose", samples);
    }

    [Fact]
    public void Creating_and_dropping_resources_keeps_memory_flat()
    {
        using var guest = new BindingsGuest("full-rust.component.wasm", full: true);
        var counters = guest.Full!.Counters;
        var dropped = counters.Dropped();
        var samples = Run(Resources, i =>
        {
            var counter = counters.NewCounter((uint)i);
            counter.Increment(1);
            counter.Dispose();
        });
        Assert.Equal(dropped + (uint)Resources, counters.Dropped());
        using var last = counters.NewCounter(7);
        Assert.Equal(7u, last.Get());
        Check("resource create + drop", samples);
    }

    private sealed record Sample(int Iteration, long Managed, long WorkingSet, long Private);

    /// <summary>Runs <paramref name="count"/> iterations, sampling memory 20 times (after a full collection).</summary>
    private static List<Sample> Run(int count, Action<int> iteration)
    {
        var samples = new List<Sample>();
        var every = Math.Max(1, count / 20);
        for (var i = 0; i < count; i++)
        {
            iteration(i);
            if ((i + 1) % every == 0)
            {
                samples.Add(Measure(i + 1));
            }
        }

        return samples;
    }

    private static Sample Measure(int iteration)
    {
        var memory = MemorySample.Take();
        return new Sample(iteration, memory.Managed, memory.WorkingSet, memory.Private);
    }

    /// <summary>
    /// Reports the samples and checks that, after the first quarter (warm-up: caches, the JIT, the allocator's first
    /// pools), none of the later samples is more than the margin above the first one after it.
    /// </summary>
    private void Check(string what, List<Sample> samples)
    {
        output.WriteLine($"{what}: iteration, managed MiB, working set MiB, private MiB");
        foreach (var s in samples)
        {
            output.WriteLine($"  {s.Iteration,9} {s.Managed / 1048576.0,8:F1} {s.WorkingSet / 1048576.0,8:F1} {s.Private / 1048576.0,8:F1}");
        }

        var baseline = samples[samples.Count / 4];
        var peak = samples.Skip(samples.Count / 4).ToList();
        Assert.True(peak.Max(s => s.Managed) - baseline.Managed < ManagedMargin, $"{what}: managed memory grew from {baseline.Managed >> 20} MiB to {peak.Max(s => s.Managed) >> 20} MiB");
        Assert.True(peak.Max(s => s.Private) - baseline.Private < NativeMargin, $"{what}: private bytes grew from {baseline.Private >> 20} MiB to {peak.Max(s => s.Private) >> 20} MiB");
        Assert.True(peak.Max(s => s.WorkingSet) - baseline.WorkingSet < NativeMargin, $"{what}: the working set grew from {baseline.WorkingSet >> 20} MiB to {peak.Max(s => s.WorkingSet) >> 20} MiB");
    }
}
