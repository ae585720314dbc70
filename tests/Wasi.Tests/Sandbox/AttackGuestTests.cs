using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>
/// The hostile C guest (plain wasi-libc calls) against the sandbox, with both ways of resolving paths: each test
/// checks what the guest could do, that nothing outside <c>data</c> changed, and that only error codes or traps
/// reached the host. Where Wasmtime can run the same attack, its verdicts (ok or denied, per attempt) must match.
/// </summary>
public sealed class AttackGuestTests : IDisposable
{
    private readonly SandboxTree _tree = new();

    public static TheoryData<string> Modes => SandboxTree.Modes;

    private static readonly string[] DirectoryAttempts =
        ["read", "list", "create", "truncate", "append", "unlink", "mkdir", "rmdir", "rename", "symlink", "link", "utimes"];

    public void Dispose() => _tree.Dispose();

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_descriptor_whose_directory_the_guest_replaced_with_a_link_out_reaches_nothing(string mode)
    {
        var run = AttackGuest.Run(_tree.Configure(mode), "stale-self");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var attempts = run.Attempts;
        Assert.Equal("ok", attempts["setup-rmdir"]);
        Assert.Equal("ok", attempts["setup-symlink"]);
        AssertStaleAttemptsFailed(attempts);
        Assert.DoesNotContain(SandboxTree.Secret, run.Stdout);
        _tree.AssertUntouched();

        AssertSameVerdictsAsWasmtime(run, "stale-self");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_descriptor_whose_directory_the_host_replaced_with_an_absolute_link_out_reaches_nothing(string mode)
    {
        // The guest opens /data/d, then reads stdin; serving that read, the host swaps d for a link to `outside`.
        var d = Path.Combine(_tree.Data, "d");
        var stdin = new SwapOnRead(() =>
        {
            Directory.Delete(d);
            Directory.CreateSymbolicLink(d, _tree.Outside);
        });
        var run = AttackGuest.Run(_tree.Configure(mode).WithStdin(stdin), "stale-host");
        Assert.True(stdin.Swapped);
        Assert.Equal(0, run.ExitCode);
        AssertStaleAttemptsFailed(run.Attempts);
        Assert.DoesNotContain(SandboxTree.Secret, run.Stdout);
        _tree.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_write_like_operation_on_a_read_only_preopen_is_refused(string mode)
    {
        var run = AttackGuest.Run(_tree.Configure(mode), "readonly");
        Assert.Equal(0, run.ExitCode);
        var attempts = run.Attempts;
        Assert.Equal(30, attempts.Count);
        foreach (var (label, outcome) in attempts)
        {
            if (label is "ro-open-rdonly" or "ro-open-sub")
            {
                Assert.Equal("ok", outcome);
            }
            else if (label == "ro-read")
            {
                Assert.Equal(@"ok keep me\n", outcome);
            }
            else
            {
                Assert.StartsWith("denied", outcome);
            }
        }

        // Nothing moved in from data either.
        Assert.Equal(["file.txt"], Directory.GetFileSystemEntries(_tree.Data).Select(Path.GetFileName));
        _tree.AssertUntouched();

        AssertSameVerdictsAsWasmtime(run, "readonly");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Offsets_at_the_limits_of_a_file_are_error_codes(string mode)
    {
        var run = AttackGuest.Run(_tree.Configure(mode), "big-offset");
        Assert.Null(run.Trap);
        Assert.Equal(0, run.ExitCode);
        var attempts = run.Attempts;
        Assert.Equal(7, attempts.Count);
        Assert.Equal("ok 0", attempts["pread-2^62"]);
        foreach (var label in new[] { "pwrite-2^62", "pwrite-max", "ftruncate-2^62", "ftruncate-max", "seek-write" })
        {
            Assert.StartsWith("denied", attempts[label]);
        }

        AssertSameVerdictsAsWasmtime(run, "big-offset");
        _tree.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Long_paths_and_names_are_refused_with_name_too_long(string mode)
    {
        var run = AttackGuest.Run(_tree.Configure(mode), "long-path", "5000");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("denied ENAMETOOLONG", run.Attempts["long-path"]);
        Assert.Equal("denied ENAMETOOLONG", run.Attempts["long-name"]);
        _tree.AssertUntouched();
    }

    [Fact]
    public void Output_past_the_cap_fails_in_the_guest_and_the_host_gets_exactly_the_cap()
    {
        var config = _tree.Configure(SandboxTree.Kernel).WithLimits(new WasiLimits { MaxOutputBytes = 1 << 20 });
        var run = AttackGuest.Run(config, "flood-stdout", "64");
        Assert.Null(run.Trap);
        Assert.Equal(1 << 20, run.Stdout.Length);
        Assert.StartsWith("flood-stdout wrote 1048576 denied", run.Stderr);
    }

    [Fact]
    public void Opening_past_the_open_file_cap_fails_and_closing_gives_the_places_back()
    {
        // The two preopens hold two of the eight places.
        var config = _tree.Configure(SandboxTree.Kernel).WithLimits(new WasiLimits { MaxOpenFiles = 8 });
        var run = AttackGuest.Run(config, "flood-open", "100");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("flood-open opened 6 denied ENOMEM\nflood-open reopen ok\n", run.Stdout);
    }

    [Fact]
    public void A_guest_memory_past_2_GiB_still_reaches_the_host_and_anything_it_cannot_is_a_trap()
    {
        var run = AttackGuest.Run(_tree.Configure(SandboxTree.Kernel), "grow", "2100");
        Assert.Equal("ok 2100", run.Attempts["grow"]);
        Assert.Contains("after-grow\n", run.Stdout);

        // The read lands in a buffer the guest allocated past 2 GiB: the runtime reaches only the first 2 GiB, so the
        // adapter's read either stays below (ok) or traps as out of bounds; no other exception can come out.
        if (run.Trap is { } trap)
        {
            Assert.Equal(ComponentTrapKind.OutOfBounds, trap.Kind);
            Assert.Contains("first 2 GiB", trap.Message);
        }
        else
        {
            Assert.Equal(@"ok data file\nline 2\n", run.Attempts["grow-read"]);
        }

        // The host carries on.
        Assert.Equal(0, AttackGuest.Run(_tree.Configure(SandboxTree.Kernel), "long-path", "100").ExitCode);
    }

    /// <summary>Wasmtime's own WASI host (cap-std) gives the same verdicts, attempt by attempt, on the same attack.</summary>
    private static void AssertSameVerdictsAsWasmtime(GuestRun run, params string[] args)
    {
        using var reference = new SandboxTree();
        Assert.Equal(AttackGuest.RunOnWasmtime(reference, args).Verdicts, run.Verdicts);
    }

    private static void AssertStaleAttemptsFailed(IReadOnlyDictionary<string, string> attempts)
    {
        foreach (var what in DirectoryAttempts)
        {
            // The old descriptor holds the removed directory: empty, and nothing can be made in it.
            Assert.Equal(what == "list" ? "ok" : "denied", attempts["stale-" + what].Split(' ')[0]);
            Assert.StartsWith("denied", attempts["path-" + what]);
        }

        Assert.Equal("ok", attempts["stale-list"]);
    }

    /// <summary>A stdin whose first read runs an action (the host's swap) and then yields one byte.</summary>
    private sealed class SwapOnRead(Action swap) : Stream
    {
        public bool Swapped { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (!Swapped)
            {
                swap();
                Swapped = true;
            }

            buffer[offset] = (byte)'x';
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
