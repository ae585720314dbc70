using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Wasi.Tests.P3;

/// <summary>
/// The WASI 0.3 host through a real guest (Fixtures/probe-p3.wat): one test per interface family, with the same
/// capabilities, sandbox and denials as the 0.2 host.
/// </summary>
public class ProbeP3Tests
{
    [Fact]
    public void Environment_arguments_and_initial_directory_are_the_configured_ones()
    {
        var config = new WasiConfiguration().WithArgs("app", "--flag", "ünï").WithEnvironment("HOME", "/data").WithEnvironment("EMPTY", "")
            .WithInitialWorkingDirectory("/data");
        using var probe = new ProbeP3(config);
        Assert.Equal(["app", "--flag", "ünï"], probe.Args());
        Assert.Equal([("HOME", "/data"), ("EMPTY", "")], probe.Env());
        Assert.Equal("/data", probe.Cwd());
    }

    [Fact]
    public void A_new_configuration_grants_no_arguments_environment_or_directory()
    {
        using var probe = new ProbeP3(new WasiConfiguration());
        Assert.Empty(probe.Args());
        Assert.Empty(probe.Env());
        Assert.Null(probe.Cwd());
        Assert.Equal(0u, probe.Preopens());
    }

    [Fact]
    public void Exit_with_code_reaches_the_embedder_as_a_wasi_exit()
    {
        using var probe = new ProbeP3(new WasiConfiguration());
        var exit = Assert.Throws<WasiExitException>(() => probe.Exit(42));
        Assert.Equal(42, exit.ExitCode);
    }

    [Fact]
    public void Wait_for_completes_after_the_duration_by_the_monotonic_clock()
    {
        using var probe = new ProbeP3(new WasiConfiguration());
        var started = System.Diagnostics.Stopwatch.StartNew();
        var elapsed = probe.Elapsed(30_000_000);
        Assert.InRange(elapsed, 30_000_000UL, 10_000_000_000UL);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(29), $"returned after {started.Elapsed}");
    }

    [Fact]
    public void Wait_for_follows_a_supplied_monotonic_clock()
    {
        var ticks = 0UL;
        var config = new WasiConfiguration().WithMonotonicClock(() => Interlocked.Add(ref ticks, 1_000_000));
        using var probe = new ProbeP3(config);
        // Each reading advances the clock 1 ms, so a 5 ms wait is over after a few readings, whatever real time does.
        var elapsed = probe.Elapsed(5_000_000);
        Assert.InRange(elapsed, 5_000_000UL, 20_000_000UL);
    }

    [Fact]
    public void A_wait_longer_than_the_call_timeout_ends_in_a_deadline_trap()
    {
        using var runtime = new ComponentRuntime(new ComponentRuntimeOptions { EnableInterruption = true });
        var component = runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "probe-p3.wat")));
        using var instance = component.Instantiate(new WasiConfiguration().Build(), new ComponentLimits { CallTimeout = TimeSpan.FromMilliseconds(200) });
        var started = System.Diagnostics.Stopwatch.StartNew();
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("elapsed")!.Invoke([WitValue.U64(3_600_000_000_000)]));
        Assert.Equal(ComponentTrapKind.DeadlineExceeded, trap.Kind);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"returned after {started.Elapsed}");
    }

    [Fact]
    public void The_system_clock_reads_the_configured_wall_clock()
    {
        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234);
        using var probe = new ProbeP3(new WasiConfiguration().WithWallClock(() => time));
        Assert.Equal((time.ToUnixTimeSeconds(), 123_400u), probe.SystemNow());
        using var before = new ProbeP3(new WasiConfiguration().WithWallClock(() => DateTimeOffset.UnixEpoch.AddTicks(-5)));
        Assert.Equal((-1L, 999_999_500u), before.SystemNow());
    }

    [Fact]
    public void Random_bytes_come_from_the_configured_source_up_to_the_per_call_cap()
    {
        using var probe = new ProbeP3(new WasiConfiguration().WithRandom(new System.Random(7)));
        var expected = new byte[16];
        new System.Random(7).NextBytes(expected);
        Assert.Equal(expected, probe.Random(16));
        Assert.Equal(65536, probe.Random(ulong.MaxValue).Length);
    }

    [Fact]
    public void Sockets_and_name_lookup_are_denied()
    {
        using var probe = new ProbeP3(new WasiConfiguration());
        Assert.Equal((1, 0), probe.Tcp()); // error(access-denied)
        Assert.Equal((1, 0), probe.Resolve("example.com")); // error(access-denied)
    }

    [Fact]
    public void Files_below_the_preopen_open_and_stat_and_escapes_are_refused_as_in_0_2()
    {
        using var dir = new TempDirectory();
        using var outside = new TempDirectory();
        Directory.CreateDirectory(dir.Path("sandbox"));
        File.WriteAllText(dir.Path("sandbox", "hello.txt"), "hello, world");
        File.WriteAllText(outside.Path("secret.txt"), "secret");
        File.CreateSymbolicLink(dir.Path("sandbox", "escape"), outside.Path("secret.txt"));
        using var probe = new ProbeP3(new WasiConfiguration().WithPreopenedDirectory(dir.Path("sandbox"), "/data"));
        Assert.Equal(1u, probe.Preopens());

        Assert.Equal(12, probe.Size("hello.txt"));
        Assert.True(probe.Open("hello.txt") > 0);
        var notPermitted = -1 - P3ErrorCases.Filesystem("not-permitted");
        Assert.Equal(notPermitted, probe.Size("../" + Path.GetFileName(dir.Root) + "/sandbox/hello.txt"));
        Assert.Equal(notPermitted, probe.Size(outside.Path("secret.txt")));
        Assert.Equal(notPermitted, probe.Size("escape", follow: true));
        Assert.Equal(-1 - P3ErrorCases.Filesystem("loop"), probe.Size("escape")); // not followed: the link itself
        Assert.Equal(-1 - P3ErrorCases.Filesystem("no-entry"), probe.Size("missing.txt"));

        // A read-only preopen refuses writing (as 0.2 does) and creating.
        Assert.Equal(-1 - P3ErrorCases.Filesystem("read-only"), probe.Open("new.txt", write: true, create: true));
        Assert.False(File.Exists(dir.Path("sandbox", "new.txt")));
    }

    [Fact]
    public void A_writable_preopen_creates_files()
    {
        using var dir = new TempDirectory();
        using var probe = new ProbeP3(new WasiConfiguration().WithPreopenedDirectory(dir.Root, "/", WasiDirectoryAccess.ReadWrite));
        probe.Preopens();
        Assert.True(probe.Open("made.txt", write: true, create: true) > 0);
        Assert.True(File.Exists(dir.Path("made.txt")));
        Assert.Equal(0, probe.Size("made.txt"));
    }

    [Fact]
    public void A_bad_descriptor_handle_is_a_clean_trap()
    {
        using var probe = new ProbeP3(new WasiConfiguration());
        var trap = Assert.Throws<ComponentTrapException>(() => probe.StatHandle(12345));
        Assert.Contains("12345", trap.Message);
    }

    [Fact]
    public void Files_and_directories_are_read_through_streams()
    {
        using var dir = new TempDirectory();
        var content = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(dir.Path("data.bin"), content);
        File.WriteAllText(dir.Path("b.txt"), "b");
        Directory.CreateDirectory(dir.Path("sub"));
        using var probe = new ProbeP3(new WasiConfiguration().WithPreopenedDirectory(dir.Root, "/data"));
        probe.Preopens();
        Assert.Equal(content, probe.ReadFile("data.bin"));
        Assert.Equal("b"u8.ToArray(), probe.ReadFile("b.txt"));
        Assert.Equal(3u, probe.ListDirectory());
    }
}
