using System.Text;
using Wasi.Io.Poll;
using Wasi.Io.Streams;
using Wasi.Sockets.Network;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>wasi:cli, io, clocks, random and sockets through the host's implementations, called as the generated bindings call them.</summary>
public class HostTests
{
    [Fact]
    public void A_new_configuration_grants_nothing()
    {
        var imports = new WasiConfiguration().CreateHost().Imports;
        Assert.Empty(imports.Environment.GetArguments());
        Assert.Empty(imports.Environment.GetEnvironment());
        Assert.Null(imports.Environment.InitialCwd());
        Assert.IsType<StreamError.Closed>(imports.Stdin.GetStdin().BlockingRead(10).Err);
        Assert.True(imports.Stdout.GetStdout().BlockingWriteAndFlush("dropped"u8.ToArray()).IsOk);
        Assert.True(imports.Stderr.GetStderr().BlockingWriteAndFlush("dropped"u8.ToArray()).IsOk);
        Assert.Null(imports.TerminalStdin.GetTerminalStdin());
        Assert.Null(imports.TerminalStdout.GetTerminalStdout());
        Assert.Null(imports.TerminalStderr.GetTerminalStderr());
        Assert.Empty(imports.Preopens.GetDirectories());
        Assert.Equal(ErrorCode.AccessDenied, imports.TcpCreateSocket.CreateTcpSocket(IpAddressFamily.Ipv4).Err);
    }

    [Fact]
    public void The_configuration_is_snapshotted_when_the_host_is_made()
    {
        var config = new WasiConfiguration().WithArgs("a").WithEnvironment("K", "V").WithInitialWorkingDirectory("/data");
        var imports = config.CreateHost().Imports;
        config.WithArgs("b").WithEnvironment("L", "W");
        Assert.Equal(new[] { "a" }, imports.Environment.GetArguments());
        Assert.Equal(new[] { ("K", "V") }, imports.Environment.GetEnvironment());
        Assert.Equal("/data", imports.Environment.InitialCwd());
    }

    [Fact]
    public void Bad_configuration_is_refused()
    {
        var config = new WasiConfiguration();
        Assert.Throws<ArgumentException>(() => config.WithEnvironment("A=B", "x"));
        Assert.Throws<ArgumentException>(() => config.WithEnvironment("", "x"));
        Assert.Throws<ArgumentNullException>(() => config.WithArgs(null!));
        Assert.Throws<ArgumentException>(() => config.WithStdout(new MemoryStream(new byte[1], writable: false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => config.WithPreopenedDirectory(Path.GetTempPath(), "/t", (WasiDirectoryAccess)7));
        Assert.Throws<ArgumentNullException>(() => new WasiHost(null!));
    }

    [Fact]
    public void Each_stdio_handle_is_a_new_resource_over_the_same_host_stream()
    {
        var stdout = new MemoryStream();
        var imports = new WasiConfiguration().WithStdout(stdout).CreateHost().Imports;
        var first = imports.Stdout.GetStdout();
        var second = imports.Stdout.GetStdout();
        Assert.NotSame(first, second);
        first.Dispose(); // the guest dropping one handle closes neither the other nor the host's stream
        Assert.True(second.Write("still open"u8.ToArray()).IsOk);
        Assert.Empty(stdout.ToArray()); // a write is buffered until a flush
        Assert.True(second.Flush().IsOk);
        Assert.True(stdout.CanWrite);
        Assert.Equal("still open", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void Output_streams_grant_writes_flush_splice_and_write_zeroes()
    {
        var stdout = new MemoryStream();
        var imports = new WasiConfiguration().WithStdout(stdout).WithStdin(new MemoryStream("spliced input"u8.ToArray())).CreateHost().Imports;
        var output = imports.Stdout.GetStdout();
        Assert.True(output.CheckWrite().Ok >= 4096);
        Assert.True(output.Subscribe().Ready());
        Assert.True(output.Write("a"u8.ToArray()).IsOk);
        Assert.True(output.Flush().IsOk);
        Assert.True(output.WriteZeroes(2).IsOk);
        Assert.True(output.BlockingWriteZeroesAndFlush(1).IsOk);
        var input = imports.Stdin.GetStdin();
        Assert.Equal(7UL, output.Splice(input, 7).Ok);
        Assert.Equal(6UL, output.BlockingSplice(input, 100).Ok);
        Assert.IsType<StreamError.Closed>(output.BlockingSplice(input, 100).Err);
        Assert.Equal("a\0\0\0spliced input", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void A_failing_host_stream_reports_last_operation_failed_then_closed()
    {
        var imports = new WasiConfiguration().WithStdout(new FailingStream()).WithStdin(new FailingStream()).CreateHost().Imports;
        var output = imports.Stdout.GetStdout();
        var failed = Assert.IsType<StreamError.LastOperationFailed>(output.BlockingWriteAndFlush("x"u8.ToArray()).Err);
        Assert.Contains("disk on fire", failed.Value.ToDebugString());
        Assert.Null(imports.Types.FilesystemErrorCode(failed.Value)); // not a file: no filesystem error code
        Assert.IsType<StreamError.Closed>(output.CheckWrite().Err);
        Assert.IsType<StreamError.LastOperationFailed>(imports.Stdin.GetStdin().Read(1).Err);
    }

    [Fact]
    public void Reads_are_capped_so_a_huge_length_cannot_exhaust_the_host()
    {
        var imports = new WasiConfiguration().WithStdin(new MemoryStream(new byte[3 << 20])).CreateHost().Imports;
        var input = imports.Stdin.GetStdin();
        Assert.Equal(1 << 20, input.Read(ulong.MaxValue).Ok.Length);
        Assert.Equal(1UL << 20, input.BlockingSkip(ulong.MaxValue).Ok);
        Assert.Empty(input.Read(0).Ok);
    }

    [Fact]
    public void Exit_throws_the_guests_exit_code()
    {
        var exit = new WasiConfiguration().CreateHost().Imports.Exit;
        Assert.Equal(0, Assert.Throws<WasiExitException>(() => exit.Exit(Result<Unit, Unit>.FromOk(default))).ExitCode);
        Assert.Equal(1, Assert.Throws<WasiExitException>(() => exit.Exit(Result<Unit, Unit>.FromErr(default))).ExitCode);
        Assert.Equal(42, Assert.Throws<WasiExitException>(() => exit.ExitWithCode(42)).ExitCode);
    }

    [Fact]
    public void The_wall_clock_reports_the_injected_time_since_the_epoch()
    {
        var clock = new WasiConfiguration().WithWallClock(() => DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123)).CreateHost().Imports.WallClock;
        Assert.Equal(new global::Wasi.Clocks.WallClock.Datetime(1_700_000_000, 123_000_000), clock.Now());
        Assert.Equal(new global::Wasi.Clocks.WallClock.Datetime(0, 100), clock.Resolution());
        var early = new WasiConfiguration().WithWallClock(() => new DateTimeOffset(1960, 1, 1, 0, 0, 0, TimeSpan.Zero)).CreateHost().Imports.WallClock;
        Assert.Equal(new global::Wasi.Clocks.WallClock.Datetime(0, 0), early.Now());
        var real = new WasiConfiguration().CreateHost().Imports.WallClock.Now();
        Assert.InRange((long)real.Seconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
    }

    [Fact]
    public void Monotonic_pollables_become_ready_at_their_instant_and_poll_reports_which()
    {
        ulong now = 100;
        var imports = new WasiConfiguration().WithMonotonicClock(() => now).CreateHost().Imports;
        var clock = imports.MonotonicClock;
        Assert.Equal(100UL, clock.Now());
        Assert.Equal(1UL, clock.Resolution());
        var at200 = clock.SubscribeInstant(200);
        var in50 = clock.SubscribeDuration(50);
        var past = clock.SubscribeInstant(10);
        var never = clock.SubscribeDuration(ulong.MaxValue);
        Assert.False(at200.Ready());
        Assert.True(past.Ready());
        Assert.Equal(new uint[] { 2 }, imports.Poll.Poll(new[] { at200, in50, past, never }));
        now = 150;
        Assert.Equal(new uint[] { 1, 2 }, imports.Poll.Poll(new[] { at200, in50, past, never }));
        now = 1_000;
        Assert.Equal(new uint[] { 0, 1 }, imports.Poll.Poll(new[] { at200, in50 }));
        Assert.False(never.Ready());
        at200.Block(); // already reached: returns at once
    }

    [Fact]
    public void Poll_blocks_until_the_earliest_deadline()
    {
        var imports = new WasiConfiguration().CreateHost().Imports;
        var soon = imports.MonotonicClock.SubscribeDuration(20_000_000);
        var late = imports.MonotonicClock.SubscribeDuration(60_000_000_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(new uint[] { 0 }, imports.Poll.Poll(new[] { soon, late }));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(19), TimeSpan.FromSeconds(10));
        Assert.True(imports.Stdout.GetStdout().Subscribe().Ready());
    }

    [Fact]
    public void Polling_nothing_is_a_guest_error()
    {
        var imports = new WasiConfiguration().CreateHost().Imports;
        Assert.Throws<ComponentTrapException>(() => imports.Poll.Poll(Array.Empty<Pollable>()));
    }

    [Fact]
    public void Random_sources_give_the_requested_lengths_and_refuse_absurd_ones()
    {
        var imports = new WasiConfiguration().CreateHost().Imports;
        Assert.Equal(64, imports.Random.GetRandomBytes(64).Length);
        Assert.Empty(imports.Random.GetRandomBytes(0));
        Assert.NotEqual(imports.Random.GetRandomU64(), imports.Random.GetRandomU64());
        Assert.Equal(64, imports.Insecure.GetInsecureRandomBytes(64).Length);
        Assert.Equal(imports.InsecureSeed.InsecureSeed(), imports.InsecureSeed.InsecureSeed());
        Assert.Throws<ComponentTrapException>(() => imports.Random.GetRandomBytes(ulong.MaxValue));
        Assert.Throws<ComponentTrapException>(() => imports.Insecure.GetInsecureRandomBytes(1UL << 40));
    }

    [Fact]
    public void A_seeded_generator_makes_every_random_interface_reproducible()
    {
        var a = new WasiConfiguration().WithRandom(new System.Random(1)).CreateHost().Imports;
        var b = new WasiConfiguration().WithRandom(new System.Random(1)).CreateHost().Imports;
        Assert.Equal(a.InsecureSeed.InsecureSeed(), b.InsecureSeed.InsecureSeed());
        Assert.Equal(a.Random.GetRandomBytes(16), b.Random.GetRandomBytes(16));
        Assert.Equal(a.Insecure.GetInsecureRandomU64(), b.Insecure.GetInsecureRandomU64());
    }

    [Fact]
    public void Sockets_are_denied()
    {
        var imports = new WasiConfiguration().CreateHost().Imports;
        using var network = imports.InstanceNetwork.InstanceNetwork();
        Assert.Equal(ErrorCode.AccessDenied, imports.TcpCreateSocket.CreateTcpSocket(IpAddressFamily.Ipv6).Err);
        Assert.Equal(ErrorCode.AccessDenied, imports.UdpCreateSocket.CreateUdpSocket(IpAddressFamily.Ipv4).Err);
        Assert.Equal(ErrorCode.AccessDenied, imports.IpNameLookup.ResolveAddresses(network, "example.com").Err);
    }

    [Fact]
    public void Host_imports_define_every_wasi_interface_for_any_component()
    {
        // A component importing only wasi:cli/environment@0.2.3 links to the definitions.
        var component = Probe.Runtime.LoadText("""
            (component
              (import "wasi:cli/environment@0.2.3" (instance $env (export "initial-cwd" (func (result (option string))))))
              (core module $libc (memory (export "memory") 1)
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024)))
              (core instance $libc (instantiate $libc))
              (core func $cwd (canon lower (func $env "initial-cwd") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
              (core module $m
                (import "h" "cwd" (func $cwd (param i32)))
                (func (export "run") (result i32) (call $cwd (i32.const 16)) (i32.const 16)))
              (core instance $i (instantiate $m (with "h" (instance (export "cwd" (func $cwd))))))
              (func $run (result (option string)) (canon lift (core func $i "run") (memory (core memory $libc "memory"))))
              (export "cwd" (func $run)))
            """);
        using var instance = component.Instantiate(new WasiConfiguration().WithInitialWorkingDirectory("/work").Build());
        var cwd = instance.GetFunction("cwd")!.Invoke()[0];
        Assert.True(cwd.IsSome);
        Assert.Equal("/work", cwd.Payload!.AsString());
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush() => throw new IOException("disk on fire");

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk on fire");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("disk on fire");
    }
}
