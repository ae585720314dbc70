using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>
/// Floods past each of the <see cref="WasiLimits"/> caps through the puppet guest: what the guest gets (an error
/// code, a failed stream or a trap of kind <see cref="ComponentTrapKind.LimitExceeded"/>) and that the host and other
/// instances carry on.
/// </summary>
public sealed class LimitTests : IDisposable
{
    private readonly SandboxTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Handles_past_the_resource_cap_trap_and_other_instances_carry_on()
    {
        var limits = new WasiLimits { MaxResources = 100 };
        using (var guest = Guest(limits))
        {
            var trap = Assert.Throws<ComponentTrapException>(() => guest.GetStdoutMany(1_000_000));
            Assert.Equal(ComponentTrapKind.LimitExceeded, trap.Kind);
            Assert.Contains("MaxResources", trap.Message);
        }

        using (var guest = Guest(limits))
        {
            Assert.Equal(ComponentTrapKind.LimitExceeded, Assert.Throws<ComponentTrapException>(() => guest.SubscribeMany(1_000_000)).Kind);
        }

        // Descriptors count too: two preopens, then three more files, and the sixth resource fails as an error code.
        using (var guest = Guest(new WasiLimits { MaxResources = 5 }))
        {
            Assert.Equal((3u, ErrorCode.InsufficientMemory), guest.OpenMany(guest.Preopens()[0], "file.txt", 100));
        }

        using var fresh = Guest(limits);
        Assert.Equal(50u, fresh.GetStdoutMany(50));
    }

    [Fact]
    public void Open_files_past_the_cap_fail_with_insufficient_memory_until_one_is_closed()
    {
        using var guest = Guest(new WasiLimits { MaxOpenFiles = 10 });
        var preopens = guest.Preopens(); // two of the ten
        var data = preopens[0];
        Assert.Equal((8u, ErrorCode.InsufficientMemory), guest.OpenMany(data, "file.txt", 1000));
        Assert.Equal(ErrorCode.InsufficientMemory, guest.ReadDirectory(data).Error);
        Assert.Equal(ComponentTrapKind.LimitExceeded, Assert.Throws<ComponentTrapException>(() => guest.Preopens()).Kind);
    }

    [Fact]
    public void A_closed_descriptor_gives_its_place_back()
    {
        using var guest = Guest(new WasiLimits { MaxOpenFiles = 3 });
        var preopens = guest.Preopens();
        var (data, ro) = (preopens[0], preopens[1]);
        var file = guest.OpenAt(data, "file.txt").Fd!.Value;
        Assert.Equal(ErrorCode.InsufficientMemory, guest.OpenAt(ro, "keep.txt").Error);
        guest.DropDescriptor(file);
        Assert.NotNull(guest.OpenAt(ro, "keep.txt").Fd);
    }

    [Fact]
    public void Output_past_the_cap_fails_the_stream_and_the_host_gets_exactly_the_cap()
    {
        var stdout = new MemoryStream();
        using var guest = Guest(new WasiLimits { MaxOutputBytes = 10_000 }, c => c.WithStdout(stdout));
        Assert.Equal(2u, guest.StdoutFlood(4096, 100));
        Assert.Equal(10_000, stdout.Length);
        Assert.Equal(0u, guest.StdoutFlood(1, 1)); // spent for the instance, whichever handle writes
        Assert.Equal(10_000, stdout.Length);
    }

    [Fact]
    public void A_write_past_what_check_write_permits_traps()
    {
        using var guest = Guest(WasiLimits.Default);
        Assert.Equal((ulong)Io.OutputSink.Capacity, guest.StdoutCheckWrite());
        var trap = Assert.Throws<ComponentTrapException>(() => guest.StdoutWriteUnchecked(Io.OutputSink.Capacity + 1));
        Assert.Contains("check-write permits", trap.Message);
    }

    [Fact]
    public void Paths_and_names_past_the_caps_are_name_too_long()
    {
        using (var guest = Guest(WasiLimits.Default))
        {
            var data = guest.Preopens()[0];
            Assert.Equal(ErrorCode.NameTooLong, guest.OpenAt(data, string.Concat(Enumerable.Repeat("a/", 2500))).Error);
            Assert.Equal(ErrorCode.NameTooLong, guest.OpenAt(data, new string('n', 256), OpenFlags.Create, DescriptorFlags.Read | DescriptorFlags.Write).Error);
            Assert.Equal(ErrorCode.NameTooLong, guest.SymlinkAt(data, new string('t', 5000), "link"));

            // A 50 MB path costs the host no more than reading it from the guest.
            var huge = new string('a', 50_000_000);
            // Counted on this thread (the call runs on it): the process-wide count includes tests running in parallel.
            var before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(ErrorCode.NameTooLong, guest.OpenAt(data, huge).Error);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 400_000_000, $"{allocated} bytes allocated");
        }

        using var strict = Guest(new WasiLimits { MaxPathBytes = 20, MaxNameBytes = 8 });
        var dir = strict.Preopens()[0];
        Assert.Equal(ErrorCode.NameTooLong, strict.OpenAt(dir, "abcdefghi").Error);
        Assert.Equal(ErrorCode.NoEntry, strict.OpenAt(dir, "abcdefgh").Error);
        Assert.Equal(ErrorCode.NameTooLong, strict.OpenAt(dir, "abcd/abcd/abcd/abcd/a").Error);
        Assert.Equal("data file\nline 2\n"u8.ToArray(), strict.Read(strict.OpenAt(dir, "file.txt").Fd!.Value, 100).Data);
    }

    [Fact]
    public void A_large_directory_is_listed_completely_a_few_entries_at_a_time()
    {
        var names = Enumerable.Range(0, 1000).Select(i => $"entry-{i:D4}").ToArray();
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(_tree.Data, name), string.Empty);
        }

        using var guest = Guest(new WasiLimits { MaxDirectoryEntriesPerRead = 4 });
        var listed = guest.ReadDirectory(guest.Preopens()[0]).Names!;
        Assert.Equal(names.Append("file.txt").Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Caps_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WasiConfiguration().WithLimits(new WasiLimits { MaxOpenFiles = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WasiConfiguration().WithLimits(new WasiLimits { MaxOutputBytes = -1 }));
    }

    [Fact]
    public void A_preopen_replaced_after_the_host_was_made_is_refused_to_new_instances()
    {
        var host = _tree.Configure(SandboxTree.Kernel).CreateHost();
        using var before = new Hostile(host.ToHostImports());
        var data = before.Preopens()[0];

        // The host path now leads outside.
        Directory.Move(_tree.Data, _tree.Path("data.old"));
        Directory.CreateSymbolicLink(_tree.Data, _tree.Outside);

        using var after = new Hostile(host.ToHostImports());
        var trap = Assert.Throws<ComponentTrapException>(() => after.Preopens());
        Assert.Equal(ComponentTrapKind.HostFailure, trap.Kind);
        Assert.Contains("replaced", trap.Message);

        // The earlier descriptor holds the directory it was given.
        Assert.Equal("data file\nline 2\n"u8.ToArray(), before.Read(before.OpenAt(data, "file.txt").Fd!.Value, 100).Data);
        File.Delete(_tree.Data);
        Directory.Move(_tree.Path("data.old"), _tree.Data);
        File.SetLastWriteTimeUtc(_tree.Root, SandboxTree.Past); // the test's own renames
        _tree.AssertUntouched();
    }

    private Hostile Guest(WasiLimits limits, Action<WasiConfiguration>? configure = null)
    {
        var config = _tree.Configure(SandboxTree.Kernel).WithLimits(limits);
        configure?.Invoke(config);
        return new Hostile(config);
    }
}
