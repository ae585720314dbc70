using System.Text;
using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>WASI called by a guest: the probe component (WASI 0.2.0 imports) and the jco-made hello component (0.2.12 through the preview1 adapter).</summary>
public class ComponentTests
{
    [Fact]
    public void A_component_importing_wasi_0_2_0_links_to_the_0_2_12_host()
    {
        var imports = Probe.Loaded.ImportNames;
        Assert.Contains("wasi:cli/stdout@0.2.0", imports);
        Assert.Contains("wasi:filesystem/types@0.2.0", imports);

        var stdout = new MemoryStream();
        using var probe = new Probe(new WasiConfiguration().WithStdout(stdout));
        Assert.Equal(0u, probe.WriteStdout("hello, wasi ✓\n"));
        Assert.Equal(0u, probe.WriteStdout("again\n"));
        Assert.Equal("hello, wasi ✓\nagain\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void By_default_the_guest_gets_nothing()
    {
        using var probe = new Probe(new WasiConfiguration());
        Assert.Empty(probe.Args());
        Assert.Empty(probe.Env());
        Assert.Empty(probe.ReadStdin(100));
        Assert.Equal(0u, probe.WriteStdout("discarded"));
        Assert.Equal(0u, probe.PreopenCount());
    }

    [Fact]
    public void Arguments_environment_and_stdin_reach_the_guest()
    {
        var config = new WasiConfiguration()
            .WithArgs("probe", "--name", "Wörld")
            .WithEnvironment("HOME", "/home/guest")
            .WithEnvironment("EMPTY", "")
            .WithStdin(new MemoryStream(Encoding.UTF8.GetBytes("line one\nline two\n")));
        using var probe = new Probe(config);
        Assert.Equal(new[] { "probe", "--name", "Wörld" }, probe.Args());
        Assert.Equal(new[] { ("HOME", "/home/guest"), ("EMPTY", "") }, probe.Env());
        Assert.Equal("line one", Encoding.UTF8.GetString(probe.ReadStdin(8)));
        Assert.Equal("\nline two\n", Encoding.UTF8.GetString(probe.ReadStdin(1000)));
        Assert.Empty(probe.ReadStdin(1000));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void Exit_reaches_the_caller_as_a_WasiExitException(bool ok, int code)
    {
        using var probe = new Probe(new WasiConfiguration());
        var exit = Assert.Throws<WasiExitException>(() => probe.Exit(ok));
        Assert.Equal(code, exit.ExitCode);
    }

    [Fact]
    public void The_monotonic_clock_and_sleeping_use_the_hosts_clock()
    {
        using var probe = new Probe(new WasiConfiguration());
        var before = probe.Now();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        probe.Sleep(30_000_000);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(29), $"slept {watch.Elapsed}");
        Assert.True(probe.Now() - before >= 30_000_000);
    }

    [Fact]
    public void An_injected_monotonic_clock_is_what_the_guest_reads()
    {
        ulong now = 1_000;
        using var probe = new Probe(new WasiConfiguration().WithMonotonicClock(() => now += 1_000_000));
        Assert.Equal(1_001_000UL, probe.Now());

        // Sleeping 5 ms on a clock that advances 1 ms per reading returns once the clock has passed the deadline.
        probe.Sleep(5_000_000);
        Assert.True(now >= 1_001_000UL + 5_000_000);
    }

    [Fact]
    public void Random_bytes_come_from_the_injected_generator()
    {
        using var first = new Probe(new WasiConfiguration().WithRandom(new System.Random(42)));
        using var second = new Probe(new WasiConfiguration().WithRandom(new System.Random(42)));
        var bytes = first.Random(32);
        Assert.Equal(32, bytes.Length);
        Assert.Equal(bytes, second.Random(32));
        Assert.NotEqual(bytes, first.Random(32));
        Assert.Equal(1000, new Probe(new WasiConfiguration()).Random(1000).Length);
    }

    [Fact]
    public void Files_below_a_preopen_are_read_and_written_by_the_guest()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Path("greeting.txt"), "hi from the host");
        using var probe = new Probe(new WasiConfiguration().WithPreopenedDirectory(dir.Root, "/data", WasiDirectoryAccess.ReadWrite));
        Assert.Equal(1u, probe.PreopenCount());

        Assert.Equal("hi from the host", Encoding.UTF8.GetString(probe.ReadFile("greeting.txt").Data!));
        Assert.Equal(5UL, probe.WriteFile("out.txt", "12345"u8.ToArray()).Written);
        Assert.Equal("12345", File.ReadAllText(dir.Path("out.txt")));
        Assert.Equal(3UL, probe.WriteFile("./out.txt", "abc"u8.ToArray()).Written);
        Assert.Equal("abc", File.ReadAllText(dir.Path("out.txt")));
        Assert.Equal(ErrorCode.NoEntry, probe.ReadFile("missing.txt").Error);
    }

    [Fact]
    public void Guest_escapes_from_the_preopen_are_refused_with_not_permitted()
    {
        using var dir = new TempDirectory();
        var sandbox = Directory.CreateDirectory(dir.Path("sandbox")).FullName;
        File.WriteAllText(dir.Path("secret.txt"), "secret");
        File.CreateSymbolicLink(Path.Combine(sandbox, "absolute-link"), dir.Path("secret.txt"));
        File.CreateSymbolicLink(Path.Combine(sandbox, "relative-link"), "../secret.txt");
        Directory.CreateSymbolicLink(Path.Combine(sandbox, "parent-link"), "..");
        Directory.CreateDirectory(Path.Combine(sandbox, "sub"));
        using var probe = new Probe(new WasiConfiguration().WithPreopenedDirectory(sandbox, "/", WasiDirectoryAccess.ReadWrite));

        foreach (var path in new[]
                 {
                     "../secret.txt", "/secret.txt", dir.Path("secret.txt"), "sub/../../secret.txt", "absolute-link", "relative-link",
                     "parent-link/secret.txt", "parent-link/sandbox/../secret.txt",
                 })
        {
            Assert.Equal((null, ErrorCode.NotPermitted), (probe.ReadFile(path).Data, probe.ReadFile(path).Error));
        }

        foreach (var path in new[] { "../written.txt", "/written.txt", "parent-link/written.txt", "parent-link/secret.txt" })
        {
            Assert.Equal(ErrorCode.NotPermitted, probe.WriteFile(path, "x"u8.ToArray()).Error);
        }

        // write-file opens without symlink-follow: a link as the last component is refused as O_NOFOLLOW does.
        Assert.Equal(ErrorCode.Loop, probe.WriteFile("relative-link", "x"u8.ToArray()).Error);
        Assert.Equal(ErrorCode.Loop, probe.ReadFile("absolute-link", follow: false).Error);

        Assert.Equal("secret", File.ReadAllText(dir.Path("secret.txt")));
        Assert.False(File.Exists(dir.Path("written.txt")));
        Assert.Equal(new[] { "absolute-link", "parent-link", "relative-link", "sub" }, Directory.GetFileSystemEntries(sandbox).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_read_only_preopen_refuses_the_guests_writes()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Path("existing.txt"), "keep");
        using var probe = new Probe(new WasiConfiguration().WithPreopenedDirectory(dir.Root, "/data"));
        Assert.Equal(ErrorCode.ReadOnly, probe.WriteFile("existing.txt", "x"u8.ToArray()).Error);
        Assert.Equal(ErrorCode.ReadOnly, probe.WriteFile("new.txt", "x"u8.ToArray()).Error);
        Assert.Equal("keep", File.ReadAllText(dir.Path("existing.txt")));
        Assert.False(File.Exists(dir.Path("new.txt")));
        Assert.Equal("keep", Encoding.UTF8.GetString(probe.ReadFile("existing.txt").Data!));
    }

    [Fact]
    public void The_adapter_component_writes_to_stdout_through_the_host()
    {
        var component = Probe.Runtime.LoadFile(Path.Combine(AppContext.BaseDirectory, "Fixtures", "hello.component.wasm"));
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        using var instance = component.Instantiate(new WasiConfiguration().WithStdout(stdout).WithStderr(stderr).Build());

        Assert.Equal("Hello, World!", instance.GetFunction("greet")!.Invoke(WitValue.String("World"))[0].AsString());
        instance.GetFunction("shout")!.Invoke();
        instance.GetFunction("shout")!.Invoke();
        Assert.Equal("HELLO FROM SHOUT!\nHELLO FROM SHOUT!\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Empty(stderr.ToArray());
    }
}
