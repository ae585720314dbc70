using System.Text;
using Wasi.Filesystem.Types;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>Every export of the puppet guest (Fixtures/hostile.wat) works against the WASI host with ordinary arguments.</summary>
public sealed class HostileSmokeTests : IDisposable
{
    private const DescriptorFlags ReadWrite = DescriptorFlags.Read | DescriptorFlags.Write;
    private readonly TempDirectory _temp = new();
    private readonly MemoryStream _stdout = new();
    private readonly Hostile _guest;
    private readonly uint _dir;

    public HostileSmokeTests()
    {
        _guest = new Hostile(new WasiConfiguration()
            .WithPreopenedDirectory(_temp.Root, "/", WasiDirectoryAccess.ReadWrite)
            .WithStdout(_stdout));
        _dir = Assert.Single(_guest.Preopens());
    }

    public void Dispose()
    {
        _guest.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Preopens_are_fresh_handles_each_call_and_read_only_ones_refuse_changes()
    {
        Directory.CreateDirectory(_temp.Path("ro"));
        using var guest = new Hostile(new WasiConfiguration()
            .WithPreopenedDirectory(_temp.Root, "/rw", WasiDirectoryAccess.ReadWrite)
            .WithPreopenedDirectory(_temp.Path("ro"), "/ro"));
        var first = guest.Preopens();
        var second = guest.Preopens();
        Assert.Equal(2, first.Length);
        Assert.Equal(4, first.Concat(second).Distinct().Count());
        Assert.True(guest.IsSameObject(first[0], second[0]));
        Assert.False(guest.IsSameObject(first[0], first[1]));
        Assert.Null(guest.CreateDirectoryAt(first[0], "made"));
        Assert.True(Directory.Exists(_temp.Path("made")));
        Assert.Equal(ErrorCode.ReadOnly, guest.CreateDirectoryAt(first[1], "made"));
        guest.DropDescriptor(second[0]);
        guest.DropDescriptor(second[1]);
        Assert.Equal(DescriptorType.Directory, guest.StatAt(first[0], "ro").Type);
    }

    [Fact]
    public void Files_are_opened_written_read_stated_and_resized()
    {
        var (fd, error) = _guest.OpenAt(_dir, "a.txt", OpenFlags.Create | OpenFlags.Exclusive, ReadWrite);
        Assert.Null(error);
        Assert.Equal(5UL, _guest.Write(fd!.Value, "hello"u8.ToArray()).Written);
        Assert.Equal(6UL, _guest.Write(fd.Value, " world"u8.ToArray(), 5).Written);
        Assert.Equal("hello world", File.ReadAllText(_temp.Path("a.txt")));
        Assert.Equal("world", Encoding.UTF8.GetString(_guest.Read(fd.Value, 100, 6).Data!));
        Assert.Empty(_guest.Read(fd.Value, 100, 50).Data!);
        Assert.Equal((DescriptorType.RegularFile, 11UL), _guest.Stat(fd.Value).Stat);

        Assert.Null(_guest.SetSize(fd.Value, 5));
        Assert.Equal((DescriptorType.RegularFile, 5UL), _guest.Stat(fd.Value).Stat);
        Assert.Equal("hello", File.ReadAllText(_temp.Path("a.txt")));

        // Bytes 0..255 of the guest's memory are never written: four zeros.
        Assert.Equal(4UL, _guest.WriteFrom(fd.Value, 0, 4, 5).Written);
        Assert.Equal("hello\0\0\0\0"u8.ToArray(), File.ReadAllBytes(_temp.Path("a.txt")));

        Assert.Equal(ErrorCode.Exist, _guest.OpenAt(_dir, "a.txt", OpenFlags.Create | OpenFlags.Exclusive, ReadWrite).Error);
        Assert.Equal(ErrorCode.NoEntry, _guest.OpenAt(_dir, "missing.txt").Error);
        Assert.Equal(DescriptorType.RegularFile, _guest.StatAt(_dir, "a.txt").Type);
        Assert.Equal(ErrorCode.NoEntry, _guest.StatAt(_dir, "missing.txt").Error);
        Assert.Equal(DescriptorType.Directory, _guest.Stat(_dir).Stat?.Type);

        var (readOnly, _) = _guest.OpenAt(_dir, "a.txt");
        Assert.Equal(ErrorCode.BadDescriptor, _guest.Write(readOnly!.Value, [1]).Error);
        Assert.Equal(ErrorCode.BadDescriptor, _guest.SetSize(readOnly.Value, 0));
        Assert.Equal("hello"u8.ToArray(), _guest.Read(readOnly.Value, 5).Data);
        _guest.DropDescriptor(readOnly.Value);
        _guest.DropDescriptor(fd.Value);
    }

    [Fact]
    public void Directories_are_created_listed_renamed_into_and_removed()
    {
        File.WriteAllText(_temp.Path("a.txt"), "a");
        Assert.Null(_guest.CreateDirectoryAt(_dir, "sub"));
        Assert.Equal(ErrorCode.Exist, _guest.CreateDirectoryAt(_dir, "sub"));
        Assert.Equal(new[] { "a.txt", "sub" }, _guest.ReadDirectory(_dir).Names!.Order());

        var (sub, error) = _guest.OpenAt(_dir, "sub", OpenFlags.Directory, DescriptorFlags.Read | DescriptorFlags.MutateDirectory);
        Assert.Null(error);
        Assert.Empty(_guest.ReadDirectory(sub!.Value).Names!);
        Assert.Null(_guest.RenameAt(_dir, "a.txt", sub.Value, "b.txt"));
        Assert.Equal(new[] { "b.txt" }, _guest.ReadDirectory(sub.Value).Names);
        Assert.Equal("a", File.ReadAllText(_temp.Path("sub", "b.txt")));
        Assert.Equal(ErrorCode.NoEntry, _guest.RenameAt(_dir, "a.txt", sub.Value, "c.txt"));

        Assert.Equal(ErrorCode.NotEmpty, _guest.RemoveDirectoryAt(_dir, "sub"));
        Assert.Null(_guest.UnlinkFileAt(sub.Value, "b.txt"));
        Assert.Equal(ErrorCode.NoEntry, _guest.UnlinkFileAt(sub.Value, "b.txt"));
        _guest.DropDescriptor(sub.Value);
        Assert.Null(_guest.RemoveDirectoryAt(_dir, "sub"));
        Assert.False(Directory.Exists(_temp.Path("sub")));

        // Enough entries that the guest's list grows several times.
        for (var i = 0; i < 40; i++)
        {
            File.WriteAllText(_temp.Path($"file-{i:D2}"), "");
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"file-{i:D2}"), _guest.ReadDirectory(_dir).Names!.Order());
        var (file, _) = _guest.OpenAt(_dir, "file-00");
        Assert.Equal(ErrorCode.NotDirectory, _guest.ReadDirectory(file!.Value).Error);
    }

    [Fact]
    public void Symbolic_and_hard_links_are_made_read_hashed_and_touched()
    {
        File.WriteAllText(_temp.Path("target.txt"), "target");
        Assert.Null(_guest.SymlinkAt(_dir, "target.txt", "link"));
        Assert.Equal("target.txt", _guest.ReadlinkAt(_dir, "link").Target);
        Assert.Equal(ErrorCode.Invalid, _guest.ReadlinkAt(_dir, "target.txt").Error);
        Assert.Equal(DescriptorType.SymbolicLink, _guest.StatAt(_dir, "link", 0).Type);
        Assert.Equal(DescriptorType.RegularFile, _guest.StatAt(_dir, "link").Type);

        Assert.Null(_guest.LinkAt(_dir, "target.txt", _dir, "hard"));
        Assert.Equal(ErrorCode.Exist, _guest.LinkAt(_dir, "target.txt", _dir, "hard"));
        Assert.Equal("target", File.ReadAllText(_temp.Path("hard")));

        // (How hard links and unfollowed symbolic links hash is left to the tests of the host's semantics.)
        var target = _guest.MetadataHashAt(_dir, "target.txt").Hash;
        Assert.NotNull(target);
        Assert.Equal(target, _guest.MetadataHashAt(_dir, "target.txt").Hash);
        Assert.Equal(target, _guest.MetadataHashAt(_dir, "link").Hash);
        Assert.NotNull(_guest.MetadataHashAt(_dir, "link", 0).Hash);
        Assert.NotNull(_guest.MetadataHashAt(_dir, "hard").Hash);
        Assert.Equal(ErrorCode.NoEntry, _guest.MetadataHashAt(_dir, "missing").Error);

        var (a, _) = _guest.OpenAt(_dir, "target.txt");
        var (b, _) = _guest.OpenAt(_dir, "link");
        Assert.Equal(target, _guest.MetadataHash(a!.Value).Hash);
        Assert.Equal(target, _guest.MetadataHash(b!.Value).Hash);
        Assert.True(_guest.IsSameObject(a.Value, b.Value));
        Assert.False(_guest.IsSameObject(a.Value, _dir));

        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_temp.Path("target.txt"), old);
        Assert.Null(_guest.SetTimesAt(_dir, "target.txt"));
        Assert.True(File.GetLastWriteTimeUtc(_temp.Path("target.txt")) > DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(ErrorCode.NoEntry, _guest.SetTimesAt(_dir, "missing"));
    }

    [Fact]
    public void Streams_write_files_and_stdout()
    {
        var (fd, _) = _guest.OpenAt(_dir, "s.txt", OpenFlags.Create, ReadWrite);
        Assert.Null(_guest.WriteViaStream(fd!.Value, 0, "0123456789"u8.ToArray()));
        Assert.Null(_guest.WriteViaStream(fd.Value, 3, "abc"u8.ToArray()));
        Assert.Equal("012abc6789", File.ReadAllText(_temp.Path("s.txt")));

        // More than one check-write permit (64 KiB): the guest writes it in several pieces.
        var big = new byte[(1 << 20) + 100];
        new Random(1).NextBytes(big);
        Assert.Null(_guest.WriteViaStream(fd.Value, 0, big));
        Assert.Equal(big, File.ReadAllBytes(_temp.Path("s.txt")));
        Assert.Equal(ErrorCode.IsDirectory, _guest.WriteViaStream(_dir, 0, [1]));

        Assert.Equal(3u, _guest.StdoutFlood(10, 3));
        Assert.Equal(new string('A', 30), Encoding.ASCII.GetString(_stdout.ToArray()));
        Assert.Equal((ulong)Io.OutputSink.Capacity, _guest.StdoutCheckWrite());

        // A write without check-write, within what check-write would grant; dropping the stream delivers it.
        Assert.True(_guest.StdoutWriteUnchecked(5));
        Assert.Equal(new string('A', 30) + "BBBBB", Encoding.ASCII.GetString(_stdout.ToArray()));
    }

    [Fact]
    public void Handles_are_made_in_bulk()
    {
        File.WriteAllText(_temp.Path("a.txt"), "a");
        Assert.Equal(100u, _guest.GetStdoutMany(100));
        Assert.Equal(100u, _guest.SubscribeMany(100));
        Assert.Equal((50u, (ErrorCode?)null), _guest.OpenMany(_dir, "a.txt", 50));
        Assert.Equal((0u, (ErrorCode?)ErrorCode.NoEntry), _guest.OpenMany(_dir, "missing", 3));

        // The handles are live: the next descriptor comes after all of them.
        var (fd, _) = _guest.OpenAt(_dir, "a.txt");
        Assert.True(fd > 250);
    }

    [Fact]
    public void Memory_grows_and_the_other_imports_answer()
    {
        var pages = _guest.Grow(0);
        Assert.True(pages >= 1);
        Assert.Equal(pages, _guest.Grow(2));
        Assert.Equal(pages + 2, _guest.Grow(0));
        Assert.Equal(-1, _guest.Grow(70000));

        // A list larger than the memory makes the guest's allocator grow it.
        Assert.Equal(1u << 20, _guest.Random(1 << 20));
        Assert.True(_guest.Grow(0) >= 16);
        Assert.Equal(0u, _guest.Random(0));

        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(_guest.Now(), now - 5, now + 5);
    }
}
