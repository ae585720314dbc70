// Density (issue 20): many live instances of the Rust guest in one process, and what each costs: the runtime's
// managed objects, the guest's linear memory, and the process's native growth. The bounded run is part of the suite;
// the long run of the issue is
//   WITBINDGEN_DENSITY_INSTANCES=10000 \
//     dotnet test tests/Components.Tests -c Release --filter FullyQualifiedName~DensityTests --logger "console;verbosity=detailed"
using System.Diagnostics;
using Guests.Full;
using Xunit;
using Xunit.Abstractions;

namespace WitBindgen.Components.Tests;

[Collection(nameof(SoakCollection))]
public sealed class DensityTests(ITestOutputHelper output)
{
    private static readonly int Instances =
        int.TryParse(Environment.GetEnvironmentVariable("WITBINDGEN_DENSITY_INSTANCES"), out var n) && n > 0 ? n : 300;

    /// <summary>
    /// The managed bytes per live instance the bounded run allows: the runtime's objects for one instantiation of
    /// this guest (its exports, host functions, handle table, call contexts, the WASI host's context) measured
    /// about 23 KiB (docs/benchmarks.md, "Density"); the bound catches a per-instance cache or buffer that grows out
    /// of proportion.
    /// </summary>
    private const long ManagedPerInstanceBound = 256 * 1024;

    [Fact]
    public void Many_live_instances_of_the_rust_guest_each_cost_a_bounded_amount()
    {
        var component = BindingsRuntime.Load("full-rust.component.wasm");

        // Warm-up: the first instantiation fills the runtime's per-component caches and the JIT.
        using (var first = FullWorld.Instantiate(component, new FullWorld.Imports(new RecordingHost()), BindingsRuntime.Wasi()))
        {
            Assert.Equal(3u, first.Values.Add(1, 2));
        }

        var before = MemorySample.Take();
        var worlds = new List<FullWorld>(Instances);
        var clock = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < Instances; i++)
            {
                var world = FullWorld.Instantiate(component, new FullWorld.Imports(new RecordingHost()), BindingsRuntime.Wasi());
                worlds.Add(world);
                Assert.Equal((uint)i + 1, world.Values.Add((uint)i, 1));
            }

            var created = clock.Elapsed;
            var after = MemorySample.Take();
            var linear = worlds.Sum(w => w.Instance.LinearMemoryBytes);

            // Every instance is still alive and answers.
            for (var i = 0; i < worlds.Count; i++)
            {
                Assert.Equal((uint)i + 2, worlds[i].Values.Add((uint)i, 2));
            }

            var managed = (after.Managed - before.Managed) / Instances;
            output.WriteLine($"{Instances} live instances of full-rust, created and called once in {created.TotalSeconds:F1} s ({Instances / created.TotalSeconds:F0} per second)");
            output.WriteLine($"  managed heap per instance (the runtime's and the WASI host's objects): {managed / 1024.0:F1} KiB");
            output.WriteLine($"  linear memory per instance (its current size; pages are committed as the guest touches them): {linear / Instances / 1024.0:F1} KiB");
            output.WriteLine($"  private bytes per instance (native and managed, committed): {(after.Private - before.Private) / Instances / 1024.0:F1} KiB");
            output.WriteLine($"  working set per instance: {(after.WorkingSet - before.WorkingSet) / Instances / 1024.0:F1} KiB");
            Assert.True(managed < ManagedPerInstanceBound, $"each live instance holds {managed} managed bytes");
            Assert.True(linear > 0, "the guest's linear memory is visible");
        }
        finally
        {
            foreach (var world in worlds)
            {
                world.Dispose();
            }
        }
    }
}
