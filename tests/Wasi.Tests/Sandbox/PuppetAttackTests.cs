using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>
/// Attacks made with component-level WASI calls through the puppet guest (Fixtures/hostile.wat), which passes any
/// argument a test chooses through the real canonical ABI: stale descriptors, a read-only preopen, offsets at the
/// limits, a memory past 2 GiB. Each checks that only error codes or traps reached the host and that nothing
/// outside <c>data</c> changed.
/// </summary>
public sealed class PuppetAttackTests : IDisposable
{
    private const DescriptorFlags ReadWrite = DescriptorFlags.Read | DescriptorFlags.Write;
    private const DescriptorFlags Mutate = DescriptorFlags.Read | DescriptorFlags.MutateDirectory;
    private readonly SandboxTree _tree = new();

    public static TheoryData<string> Modes => SandboxTree.Modes;

    public void Dispose() => _tree.Dispose();

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_directory_descriptor_holds_its_directory_not_a_path_that_now_leads_out(string mode)
    {
        using var guest = new Hostile(_tree.Configure(mode));
        var data = guest.Preopens()[0];
        var d = Path.Combine(_tree.Data, "d");
        Directory.CreateDirectory(Path.Combine(d, "sub"));
        var stale = guest.OpenAt(data, "d", OpenFlags.Directory, Mutate).Fd!.Value;

        // Someone (here: the host) removes the directory and puts a link leading out in its place.
        Directory.Delete(d, recursive: true);
        Directory.CreateSymbolicLink(d, _tree.Outside);

        Assert.NotNull(guest.OpenAt(stale, "secret.txt").Error);
        Assert.NotNull(guest.OpenAt(stale, "secret.txt", OpenFlags.Truncate, ReadWrite).Error);
        Assert.NotNull(guest.OpenAt(stale, "new.txt", OpenFlags.Create, ReadWrite).Error);
        Assert.NotNull(guest.StatAt(stale, "secret.txt").Error);
        Assert.NotNull(guest.MetadataHashAt(stale, "secret.txt").Error);
        Assert.NotNull(guest.ReadlinkAt(stale, "secret.txt").Error);
        Assert.Equal(Array.Empty<string>(), guest.ReadDirectory(stale).Names);
        Assert.NotNull(guest.UnlinkFileAt(stale, "secret.txt"));
        Assert.NotNull(guest.CreateDirectoryAt(stale, "made"));
        Assert.NotNull(guest.RemoveDirectoryAt(stale, "sub"));
        Assert.NotNull(guest.RenameAt(stale, "secret.txt", stale, "moved.txt"));
        Assert.NotNull(guest.RenameAt(stale, "secret.txt", data, "stolen.txt"));
        Assert.NotNull(guest.SymlinkAt(stale, "x", "planted"));
        Assert.NotNull(guest.LinkAt(stale, "secret.txt", data, "hard.txt"));
        Assert.NotNull(guest.SetTimesAt(stale, "secret.txt"));

        // The path itself leads out: refused.
        Assert.Equal(ErrorCode.NotPermitted, guest.OpenAt(data, "d/secret.txt").Error);
        Assert.Equal(ErrorCode.NotPermitted, guest.OpenAt(data, "d/new.txt", OpenFlags.Create, ReadWrite).Error);

        Assert.Equal(["d", "file.txt"], Directory.GetFileSystemEntries(_tree.Data).Select(Path.GetFileName).Order());
        _tree.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_moved_directory_keeps_its_descriptor_and_dot_dot_still_stops_at_it(string mode)
    {
        Directory.CreateDirectory(Path.Combine(_tree.Data, "d"));
        File.WriteAllText(Path.Combine(_tree.Data, "d", "inner.txt"), "inner");
        using var guest = new Hostile(_tree.Configure(mode));
        var data = guest.Preopens()[0];
        var d = guest.OpenAt(data, "d", OpenFlags.Directory, Mutate).Fd!.Value;

        Directory.Move(Path.Combine(_tree.Data, "d"), Path.Combine(_tree.Data, "e"));
        var inner = guest.OpenAt(d, "inner.txt").Fd!.Value;
        Assert.Equal("inner"u8.ToArray(), guest.Read(inner, 100).Data);
        Assert.Equal(ErrorCode.NotPermitted, guest.OpenAt(d, "../file.txt").Error);
        Assert.Equal(ErrorCode.NotPermitted, guest.StatAt(d, "..").Error);
        _tree.AssertUntouched();
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Every_write_like_call_on_a_read_only_preopen_is_refused(string mode)
    {
        using var guest = new Hostile(_tree.Configure(mode));
        var preopens = guest.Preopens();
        var (data, ro) = (preopens[0], preopens[1]);

        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(ro, "keep.txt", 0, ReadWrite).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(ro, "keep.txt", 0, DescriptorFlags.Write).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(ro, "keep.txt", OpenFlags.Truncate).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(ro, "new.txt", OpenFlags.Create).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(ro, "new.txt", OpenFlags.Create | OpenFlags.Exclusive).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(ro, "sub", OpenFlags.Directory, Mutate).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(ro, "keep.txt", (OpenFlags)0xFF, (DescriptorFlags)0xFF).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.UnlinkFileAt(ro, "keep.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.RemoveDirectoryAt(ro, "sub"));
        Assert.Equal(ErrorCode.ReadOnly, guest.CreateDirectoryAt(ro, "made"));
        Assert.Equal(ErrorCode.ReadOnly, guest.RenameAt(ro, "keep.txt", ro, "moved.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.RenameAt(ro, "keep.txt", data, "stolen.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.RenameAt(data, "file.txt", ro, "planted.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.SymlinkAt(ro, "keep.txt", "link"));
        Assert.Equal(ErrorCode.ReadOnly, guest.LinkAt(ro, "keep.txt", ro, "hard.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.LinkAt(ro, "keep.txt", data, "hard.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.LinkAt(data, "file.txt", ro, "hard.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.SetTimesAt(ro, "keep.txt"));
        Assert.Equal(ErrorCode.ReadOnly, guest.SetTimesAt(ro, "sub"));
        Assert.Equal(ErrorCode.ReadOnly, guest.SetTimesAt(ro, "."));

        // A file opened from it is read-only on the operating system's side too.
        var keep = guest.OpenAt(ro, "keep.txt", 0, DescriptorFlags.Read).Fd!.Value;
        Assert.Equal(ErrorCode.BadDescriptor, guest.Write(keep, "x"u8.ToArray()).Error);
        Assert.Equal(ErrorCode.BadDescriptor, guest.SetSize(keep, 0));
        Assert.Equal(ErrorCode.BadDescriptor, guest.WriteViaStream(keep, 0, "x"u8.ToArray()));

        // So is every directory opened below it.
        var sub = guest.OpenAt(ro, "sub", OpenFlags.Directory).Fd!.Value;
        Assert.Equal(ErrorCode.ReadOnly, guest.OpenAt(sub, "new.txt", OpenFlags.Create, ReadWrite).Error);
        Assert.Equal(ErrorCode.ReadOnly, guest.CreateDirectoryAt(sub, "made"));
        Assert.Equal(ErrorCode.ReadOnly, guest.SymlinkAt(sub, "x", "link"));
        Assert.Equal(ErrorCode.ReadOnly, guest.RenameAt(sub, "x", data, "y"));
        Assert.Equal(ErrorCode.NotPermitted, guest.RenameAt(sub, "../keep.txt", data, "x"));

        Assert.Equal("keep me\n"u8.ToArray(), guest.Read(keep, 100).Data);
        Assert.Equal(["file.txt"], Directory.GetFileSystemEntries(_tree.Data).Select(Path.GetFileName));
        _tree.AssertUntouched();
    }

    [Fact]
    public void Offsets_and_sizes_past_what_a_file_can_hold_are_error_codes()
    {
        using var guest = new Hostile(_tree.Configure(SandboxTree.Kernel));
        var data = guest.Preopens()[0];
        var fd = guest.OpenAt(data, "big.bin", OpenFlags.Create, ReadWrite).Fd!.Value;
        foreach (var offset in new ulong[] { 1UL << 44, 1UL << 62, long.MaxValue, 1UL << 63, ulong.MaxValue })
        {
            Assert.Equal(ErrorCode.FileTooLarge, guest.Write(fd, [1, 2, 3], offset).Error);
            Assert.Equal(ErrorCode.FileTooLarge, guest.SetSize(fd, offset));
        }

        Assert.Equal(Array.Empty<byte>(), guest.Read(fd, 10, 1UL << 62).Data);
        Assert.Equal(ErrorCode.Invalid, guest.Read(fd, 10, ulong.MaxValue).Error);
        Assert.Equal(Array.Empty<byte>(), guest.Read(fd, ulong.MaxValue, 0).Data);
        Assert.Equal(Hostile.StreamError, guest.WriteViaStream(fd, long.MaxValue - 1, [1, 2, 3]));
        Assert.Equal(ErrorCode.Invalid, guest.WriteViaStream(fd, ulong.MaxValue, [1]));
        Assert.Equal(0UL, guest.Stat(fd).Stat!.Value.Size);
        _tree.AssertUntouched();
    }

    [Fact]
    public void A_memory_past_2_GiB_still_makes_calls_and_an_address_beyond_the_first_2_GiB_traps()
    {
        using var guest = new Hostile(_tree.Configure(SandboxTree.Kernel));
        Assert.NotEqual(-1, guest.Grow(32768)); // + 2 GiB

        // Strings, lists and results still cross: the puppet allocates them low.
        var data = guest.Preopens()[0];
        var fd = guest.OpenAt(data, "file.txt", 0, ReadWrite).Fd!.Value;
        Assert.Equal("data file\nline 2\n"u8.ToArray(), guest.Read(fd, 100).Data);
        Assert.Equal(3UL, guest.WriteFrom(fd, 4096, 3, 100).Written);

        var trap = Assert.Throws<ComponentTrapException>(() => guest.WriteFrom(fd, 0x8000_0010, 8));
        Assert.Equal(ComponentTrapKind.OutOfBounds, trap.Kind);
        Assert.Contains("first 2 GiB", trap.Message);

        // The host and other instances carry on.
        using var other = new Hostile(_tree.Configure(SandboxTree.Kernel));
        Assert.NotNull(other.OpenAt(other.Preopens()[0], "file.txt").Fd);
    }

    [Fact]
    public void Metadata_hashes_identify_files_within_an_instance_and_say_nothing_about_the_host()
    {
        File.WriteAllText(Path.Combine(_tree.Data, "other.txt"), "other");
        using var first = new Hostile(_tree.Configure(SandboxTree.Kernel));
        using var second = new Hostile(_tree.Configure(SandboxTree.Kernel));
        var data = first.Preopens()[0];
        Assert.Null(first.LinkAt(data, "file.txt", data, "hard.txt"));
        var file = first.MetadataHashAt(data, "file.txt").Hash!.Value;
        Assert.Equal(file, first.MetadataHashAt(data, "hard.txt").Hash);
        Assert.NotEqual(file, first.MetadataHashAt(data, "other.txt").Hash);
        var a = first.OpenAt(data, "file.txt").Fd!.Value;
        var b = first.OpenAt(data, "hard.txt").Fd!.Value;
        Assert.True(first.IsSameObject(a, b));
        Assert.Equal(file, first.MetadataHash(a).Hash);

        // Another instance hashes with another secret; no hash is the old one of the host path.
        Assert.NotEqual(file, second.MetadataHashAt(second.Preopens()[0], "file.txt").Hash);
        var pathHash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.Combine(_tree.Data, "file.txt")));
        Assert.NotEqual(BitConverter.ToUInt64(pathHash, 0), file.Lower);
    }

    [Fact]
    public void The_descriptors_an_instance_held_are_closed_when_it_is_disposed()
    {
        var guest = new Hostile(_tree.Configure(SandboxTree.Kernel).WithLimits(new WasiLimits { MaxOpenFiles = 1000 }));
        var data = guest.Preopens()[0];
        Assert.Equal((500u, (ErrorCode?)null), guest.OpenMany(data, "file.txt", 500));
        var listing = guest.ReadDirectory(data);
        Assert.Equal(["file.txt"], listing.Names!);
        Assert.Equal(502, OpenHandlesBelow(_tree.Root));

        guest.DropDescriptor(data);
        Assert.Equal(501, OpenHandlesBelow(_tree.Root));
        guest.Dispose();
        Assert.Equal(0, OpenHandlesBelow(_tree.Root));
    }

    /// <summary>This process's open file descriptors on anything below <paramref name="root"/>.</summary>
    internal static int OpenHandlesBelow(string root) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd =>
            {
                try
                {
                    return fd.LinkTarget is { } target && (target == root || target.StartsWith(root + "/", StringComparison.Ordinal));
                }
                catch (IOException)
                {
                    return false; // closed meanwhile
                }
            });
}
