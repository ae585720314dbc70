// The thread model under load (docs/security.md): 16 threads share one ComponentRuntime (and its compiled-module
// cache), each with its own instances of the committed real guests (Rust, Go, C, JS) called through the generated
// bindings, for a fixed time; every result is checked. WITBINDGEN_STRESS_SECONDS sets the time (default 3).
using Xunit;
using Xunit.Abstractions;

namespace WitBindgen.Components.Tests;

public sealed class ThreadStressTests(ITestOutputHelper output)
{
    private static readonly int Threads =
        int.TryParse(Environment.GetEnvironmentVariable("WITBINDGEN_STRESS_THREADS"), out var n) ? n : 16;

    private static readonly double Seconds =
        double.TryParse(Environment.GetEnvironmentVariable("WITBINDGEN_STRESS_SECONDS"), out var s) ? s : 3;

    /// <summary>The guests every thread instantiates: (file, world full?).</summary>
    private static readonly (string File, bool Full)[] Guests =
    [
        ("full-rust.component.wasm", true),
        ("full-go.component.wasm", true),
        ("basic-c.component.wasm", false),
        ("basic-js.component.wasm", false),
    ];

    [Fact]
    public void Sixteen_threads_with_their_own_instances_call_the_real_guests_and_every_result_is_right()
    {
        // Loading (and compiling) is shared; instantiating happens on each thread, all at once.
        foreach (var (file, _) in Guests)
        {
            BindingsRuntime.Load(file);
        }

        var calls = new long[Threads, Guests.Length];
        using var start = new Barrier(Threads);
        var stopAt = 0L;
        var threads = new Thread[Threads];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        for (var t = 0; t < Threads; t++)
        {
            var index = t;
            threads[t] = new Thread(() =>
            {
                try
                {
                    var guests = Guests.Select(g => new BindingsGuest(g.File, g.Full)).ToArray();
                    try
                    {
                        start.SignalAndWait();
                        Interlocked.CompareExchange(ref stopAt, Environment.TickCount64 + (long)(Seconds * 1000), 0);
                        var random = new Random(index);
                        for (var round = 0; Environment.TickCount64 < Interlocked.Read(ref stopAt); round++)
                        {
                            for (var g = 0; g < guests.Length; g++)
                            {
                                try
                                {
                                    Exercise(guests[g], random, index, round);
                                }
                                catch (Exception e)
                                {
                                    throw new InvalidOperationException($"thread {index}, round {round}, {Guests[g].File}: {e.Message}", e);
                                }

                                calls[index, g]++;
                            }
                        }
                    }
                    finally
                    {
                        foreach (var guest in guests)
                        {
                            guest.Dispose();
                        }
                    }
                }
                catch (Exception e)
                {
                    failures.Enqueue(e);
                    start.RemoveParticipant();
                }
            }, maxStackSize: 4 << 20);
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
        var perGuest = Enumerable.Range(0, Guests.Length).Select(g => Enumerable.Range(0, Threads).Sum(t => calls[t, g])).ToArray();
        output.WriteLine($"{Threads} threads for {Seconds} s: " + string.Join(", ", Guests.Select((g, i) => $"{g.File} {perGuest[i]} rounds")));
        for (var t = 0; t < Threads; t++)
        {
            for (var g = 0; g < Guests.Length; g++)
            {
                Assert.True(calls[t, g] > 0, $"thread {t} never completed a round with {Guests[g].File}");
            }
        }
    }

    /// <summary>One round of calls whose results are known: scalars, strings, lists, results, a host callback, resources.</summary>
    private static void Exercise(BindingsGuest guest, Random random, int thread, int round)
    {
        var v = guest.Values;
        // Flat u32/u64 results stay below 2^31: the JS guest garbles larger ones (a componentize-js defect,
        // tests/components/guests/js/README.md).
        var a = (uint)random.Next(1 << 30);
        var b = (uint)random.Next(1 << 30);
        Assert.Equal(unchecked(a + b), v.Add(a, b));

        var name = $"t{thread}-r{round}-ü{new string('x', random.Next(40))}";
        Assert.Equal($"Hello, {name}!", v.Greet(name));
        Assert.Equal(new string(name.Reverse().ToArray()), v.Reverse(name));

        var xs = Enumerable.Range(0, random.Next(64)).Select(_ => (uint)random.Next(1 << 24)).ToArray();
        Assert.Equal(xs.Aggregate(0UL, (sum, x) => sum + x), v.Sum(xs));
        Assert.Equal(xs.Select(x => unchecked(x * 2)).ToArray(), v.DoubleAll(xs));

        var divisor = random.Next(-3, 4);
        var quotient = v.Divide(1000 + thread, divisor);
        if (divisor == 0)
        {
            Assert.Equal("division by zero", quotient.Err);
        }
        else
        {
            Assert.Equal((1000 + thread) / divisor, quotient.Ok);
        }

        guest.Host.Clear();
        string[] messages = [$"from {thread}", $"round {round}"];
        Assert.Equal(RecordingHost.LabelFor(2), v.LogAll(messages));
        Assert.Equal(messages, guest.Host.Logs);

        if (guest.Full is { } full)
        {
            var counters = full.Counters;
            var dropped = counters.Dropped();
            using (var counter = counters.NewCounter((uint)round))
            {
                counter.Increment(a);
                Assert.Equal(unchecked((uint)round + a), counter.Get());
                Assert.Equal(unchecked((uint)round + a), counters.Peek(counter));
            }

            Assert.Equal(dropped + 1, counters.Dropped());
        }
    }
}
