using System.Text;
using Wasi.Filesystem.Types;
using Wasi.Io.Streams;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>wasi:filesystem through the host's descriptors, called as the generated bindings call them, with paths resolved by the kernel.</summary>
public sealed class FilesystemTests : FilesystemTestsBase
{
    public FilesystemTests()
        : base(Sandbox.SandboxTree.Kernel)
    {
    }
}

/// <summary>The same, with paths resolved by the <c>openat</c> walk that kernels without <c>openat2</c> use.</summary>
public sealed class FilesystemWalkTests : FilesystemTestsBase
{
    public FilesystemWalkTests()
        : base(Sandbox.SandboxTree.Walk)
    {
    }
}

/// <summary>wasi:filesystem through the host's descriptors, called as the generated bindings call them.</summary>
public abstract class FilesystemTestsBase : IDisposable
{
    private const DescriptorFlags ReadFlag = DescriptorFlags.Read;
    private const DescriptorFlags WriteFlags = DescriptorFlags.Read | DescriptorFlags.Write;
    private readonly TempDirectory _temp = new();
    private readonly string _sandbox;
    private readonly string _outside;

    private readonly string _mode;

    protected FilesystemTestsBase(string mode)
    {
        _mode = mode;
        _sandbox = Directory.CreateDirectory(_temp.Path("sandbox")).FullName;
        _outside = Directory.CreateDirectory(_temp.Path("outside")).FullName;
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret");
        File.WriteAllText(Path.Combine(_sandbox, "hello.txt"), "hello, world");
        Directory.CreateDirectory(Path.Combine(_sandbox, "sub"));
        File.WriteAllText(Path.Combine(_sandbox, "sub", "inner.txt"), "inner");
    }

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Preopens_list_the_granted_directories_with_their_guest_names_and_flags()
    {
        var host = Configure()
            .WithPreopenedDirectory(_sandbox, "/data", WasiDirectoryAccess.ReadWrite)
            .WithPreopenedDirectory(_outside, "/ro")
            .CreateHost();
        var preopens = host.Imports.Preopens.GetDirectories();
        Assert.Equal(new[] { "/data", "/ro" }, preopens.Select(p => p.Item2));
        Assert.Equal(DescriptorFlags.Read | DescriptorFlags.MutateDirectory, preopens[0].Item1.GetFlags().Ok);
        Assert.Equal(DescriptorFlags.Read, preopens[1].Item1.GetFlags().Ok);
        Assert.Equal(DescriptorType.Directory, preopens[0].Item1.GetType_().Ok);
        Assert.Empty(new WasiConfiguration().CreateHost().Imports.Preopens.GetDirectories());
        Assert.Throws<DirectoryNotFoundException>(() => new WasiConfiguration().WithPreopenedDirectory(_temp.Path("missing"), "/m"));
    }

    [Fact]
    public void Files_are_opened_read_and_written_directly_and_through_streams()
    {
        var root = Root(WasiDirectoryAccess.ReadWrite);
        using var file = root.OpenAt(0, "notes.txt", OpenFlags.Create | OpenFlags.Exclusive, WriteFlags).Ok;
        Assert.Equal(5UL, file.Write("hello"u8.ToArray(), 0).Ok);
        Assert.Equal(6UL, file.Write(" world"u8.ToArray(), 5).Ok);
        Assert.Equal("hello world", File.ReadAllText(Path.Combine(_sandbox, "notes.txt")));

        var (bytes, end) = file.Read(5, 6).Ok;
        Assert.Equal("world", Encoding.UTF8.GetString(bytes));
        Assert.False(end);
        Assert.True(file.Read(100, 6).Ok.Item2);

        using (var output = file.WriteViaStream(6).Ok)
        {
            Assert.True(output.CheckWrite().Ok > 0);
            Assert.True(output.Write("WORLD"u8.ToArray()).IsOk);
            Assert.True(output.BlockingFlush().IsOk);
        }

        using (var append = file.AppendViaStream().Ok)
        {
            Assert.True(append.BlockingWriteAndFlush("!"u8.ToArray()).IsOk);
            Assert.True(append.WriteZeroes(2).IsOk);
        }

        Assert.Equal("hello WORLD!\0\0", File.ReadAllText(Path.Combine(_sandbox, "notes.txt")));
        using var input = file.ReadViaStream(6).Ok;
        Assert.Equal("WOR", Encoding.UTF8.GetString(input.BlockingRead(3).Ok));
        Assert.Equal(2UL, input.Skip(2).Ok);
        Assert.Equal("!\0\0", Encoding.UTF8.GetString(input.Read(100).Ok));
        Assert.IsType<StreamError.Closed>(input.Read(100).Err);
        Assert.True(input.Subscribe().Ready());

        Assert.True(file.SetSize(5).IsOk);
        Assert.Equal(5UL, file.Stat().Ok.Size);
        Assert.Equal(DescriptorType.RegularFile, file.Stat().Ok.Type);
        Assert.True(file.Sync().IsOk);
        Assert.True(file.SyncData().IsOk);
        Assert.Equal(ErrorCode.Exist, root.OpenAt(0, "notes.txt", OpenFlags.Create | OpenFlags.Exclusive, WriteFlags).Err);
        Assert.True(root.UnlinkFileAt("notes.txt").IsOk);
        Assert.Equal(5UL, file.Stat().Ok.Size); // an open file outlives its name
    }

    [Fact]
    public void Open_flags_truncate_and_directory_behave_as_posix()
    {
        var root = Root(WasiDirectoryAccess.ReadWrite);
        using (var truncated = root.OpenAt(0, "hello.txt", OpenFlags.Truncate, WriteFlags).Ok)
        {
            Assert.Equal(0UL, truncated.Stat().Ok.Size);
        }

        Assert.Equal(ErrorCode.NotDirectory, root.OpenAt(0, "hello.txt", OpenFlags.Directory, ReadFlag).Err);
        Assert.Equal(ErrorCode.NoEntry, root.OpenAt(0, "missing", 0, ReadFlag).Err);
        Assert.Equal(ErrorCode.IsDirectory, root.OpenAt(0, "sub", 0, WriteFlags).Err);
        using var sub = root.OpenAt(0, "sub", OpenFlags.Directory, ReadFlag | DescriptorFlags.MutateDirectory).Ok;
        Assert.Equal(DescriptorType.Directory, sub.GetType_().Ok);
        Assert.Equal("inner", Encoding.UTF8.GetString(sub.OpenAt(0, "inner.txt", 0, ReadFlag).Ok.Read(100, 0).Ok.Item1));
        Assert.Equal(ErrorCode.IsDirectory, sub.Read(1, 0).Err);
        Assert.Equal(ErrorCode.NotDirectory, root.OpenAt(0, "hello.txt", 0, ReadFlag).Ok.OpenAt(0, "x", 0, ReadFlag).Err);
    }

    [Fact]
    public void A_file_opened_without_write_refuses_writes_with_bad_descriptor()
    {
        var root = Root(WasiDirectoryAccess.ReadWrite);
        using var file = root.OpenAt(0, "hello.txt", 0, ReadFlag).Ok;
        Assert.Equal(ErrorCode.BadDescriptor, file.Write("x"u8.ToArray(), 0).Err);
        Assert.Equal(ErrorCode.BadDescriptor, file.WriteViaStream(0).Err);
        Assert.Equal(ErrorCode.BadDescriptor, file.AppendViaStream().Err);
        Assert.Equal(ErrorCode.BadDescriptor, file.SetSize(0).Err);
        using var writeOnly = root.OpenAt(0, "hello.txt", 0, DescriptorFlags.Write).Ok;
        Assert.Equal(ErrorCode.BadDescriptor, writeOnly.Read(1, 0).Err);
        Assert.Equal("hello, world", File.ReadAllText(Path.Combine(_sandbox, "hello.txt")));
    }

    [Fact]
    public void Directories_are_listed_created_renamed_and_removed()
    {
        var root = Root(WasiDirectoryAccess.ReadWrite);
        File.CreateSymbolicLink(Path.Combine(_sandbox, "link"), "hello.txt");
        Assert.Equal(
            new[] { new DirectoryEntry(DescriptorType.RegularFile, "hello.txt"), new DirectoryEntry(DescriptorType.SymbolicLink, "link"), new DirectoryEntry(DescriptorType.Directory, "sub") },
            ReadAll(root.ReadDirectory().Ok).OrderBy(e => e.Name, StringComparer.Ordinal));

        Assert.True(root.CreateDirectoryAt("new/").IsOk);
        Assert.True(Directory.Exists(Path.Combine(_sandbox, "new")));
        Assert.Equal(ErrorCode.Exist, root.CreateDirectoryAt("new").Err);
        Assert.Equal(ErrorCode.NoEntry, root.CreateDirectoryAt("missing/child").Err);
        Assert.Equal(ErrorCode.NotEmpty, root.RemoveDirectoryAt("sub").Err);
        Assert.Equal(ErrorCode.NotDirectory, root.RemoveDirectoryAt("hello.txt").Err);
        Assert.Equal(ErrorCode.IsDirectory, root.UnlinkFileAt("sub").Err);

        Assert.True(root.RenameAt("sub/inner.txt", root, "new/moved.txt").IsOk);
        Assert.Equal("inner", File.ReadAllText(Path.Combine(_sandbox, "new", "moved.txt")));
        Assert.True(root.RemoveDirectoryAt("sub").IsOk);
        Assert.True(root.RenameAt("new", root, "renamed").IsOk);
        Assert.True(File.Exists(Path.Combine(_sandbox, "renamed", "moved.txt")));
        Assert.Equal(ErrorCode.NoEntry, root.RenameAt("nothing", root, "x").Err);
        Assert.Equal(ErrorCode.Invalid, root.RenameAt("renamed", root, "renamed/inside").Err);

        Assert.True(root.UnlinkFileAt("link").IsOk);
        Assert.True(File.Exists(Path.Combine(_sandbox, "hello.txt")));
        Assert.Equal(ErrorCode.NoEntry, root.UnlinkFileAt("link").Err);
        Assert.True(root.UnlinkFileAt("renamed/moved.txt").IsOk);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_sandbox, "renamed")));
    }

    [Fact]
    public void Stat_symlinks_hard_links_and_identity()
    {
        var root = Root(WasiDirectoryAccess.ReadWrite);
        var stat = root.StatAt(0, "hello.txt").Ok;
        Assert.Equal(DescriptorType.RegularFile, stat.Type);
        Assert.Equal(12UL, stat.Size);
        Assert.NotNull(stat.DataModificationTimestamp);
        Assert.Equal(DescriptorType.Directory, root.StatAt(0, "sub").Ok.Type);
        Assert.Equal(ErrorCode.NoEntry, root.StatAt(0, "missing").Err);

        Assert.True(root.SymlinkAt("hello.txt", "alias").IsOk);
        Assert.Equal("hello.txt", File.ResolveLinkTarget(Path.Combine(_sandbox, "alias"), false)!.ToString().Split('/').Last());
        Assert.Equal("hello.txt", root.ReadlinkAt("alias").Ok);
        Assert.Equal(ErrorCode.Invalid, root.ReadlinkAt("hello.txt").Err);
        Assert.Equal(DescriptorType.SymbolicLink, root.StatAt(0, "alias").Ok.Type);
        Assert.Equal(DescriptorType.RegularFile, root.StatAt(PathFlags.SymlinkFollow, "alias").Ok.Type);
        Assert.Equal(12UL, root.StatAt(PathFlags.SymlinkFollow, "alias").Ok.Size);
        Assert.Equal(ErrorCode.Exist, root.SymlinkAt("x", "alias").Err);

        using var viaLink = root.OpenAt(PathFlags.SymlinkFollow, "alias", 0, ReadFlag).Ok;
        using var direct = root.OpenAt(0, "hello.txt", 0, ReadFlag).Ok;
        using var other = root.OpenAt(0, "sub/inner.txt", 0, ReadFlag).Ok;
        Assert.True(direct.IsSameObject(viaLink));
        Assert.False(direct.IsSameObject(other));
        Assert.Equal(direct.MetadataHash().Ok, viaLink.MetadataHash().Ok);
        Assert.NotEqual(direct.MetadataHash().Ok, other.MetadataHash().Ok);
        Assert.Equal(direct.MetadataHash().Ok, root.MetadataHashAt(PathFlags.SymlinkFollow, "alias").Ok);

        Assert.True(root.LinkAt(0, "hello.txt", root, "hard.txt").IsOk);
        Assert.Equal("hello, world", File.ReadAllText(Path.Combine(_sandbox, "hard.txt")));
        Assert.Equal(ErrorCode.Exist, root.LinkAt(0, "hello.txt", root, "hard.txt").Err);
        Assert.Equal(ErrorCode.NotPermitted, root.LinkAt(0, "sub", root, "subdir-link").Err);

        var when = new global::Wasi.Clocks.WallClock.Datetime(1_000_000_000, 0);
        Assert.True(root.SetTimesAt(0, "hello.txt", new NewTimestamp.NoChange(), new NewTimestamp.Timestamp(when)).IsOk);
        Assert.Equal(when, root.StatAt(0, "hello.txt").Ok.DataModificationTimestamp);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/")]
    [InlineData("..")]
    [InlineData("../outside/secret.txt")]
    [InlineData("sub/../../outside/secret.txt")]
    [InlineData("sub/../..")]
    [InlineData("./../sandbox/hello.txt")]
    [InlineData("to-outside/secret.txt")]
    [InlineData("to-outside-absolute/secret.txt")]
    [InlineData("to-secret")]
    [InlineData("to-secret-absolute")]
    [InlineData("chain")]
    [InlineData("sub/to-parent-parent/outside/secret.txt")]
    public void Every_way_out_of_the_preopen_fails_with_not_permitted(string path)
    {
        MakeEscapeLinks();
        var root = Root(WasiDirectoryAccess.ReadWrite);
        const PathFlags follow = PathFlags.SymlinkFollow;
        Assert.Equal(ErrorCode.NotPermitted, root.OpenAt(follow, path, 0, ReadFlag).Err);
        Assert.Equal(ErrorCode.NotPermitted, root.StatAt(follow, path).Err);
        Assert.Equal(ErrorCode.NotPermitted, root.MetadataHashAt(follow, path).Err);
        Assert.Equal(ErrorCode.NotPermitted, root.OpenAt(follow, path, OpenFlags.Create | OpenFlags.Truncate, WriteFlags).Err);
        Assert.Equal(ErrorCode.NotPermitted, root.OpenAt(follow, path + "/new.txt", OpenFlags.Create, WriteFlags).Err);
        Assert.Equal(ErrorCode.NotPermitted, root.CreateDirectoryAt(path + "/made").Err);
        Assert.Equal(ErrorCode.NotPermitted, root.UnlinkFileAt(path + "/x").Err);
        Assert.Equal(ErrorCode.NotPermitted, root.RenameAt("hello.txt", root, path + "/stolen.txt").Err);
        Assert.Equal(ErrorCode.NotPermitted, root.SymlinkAt("hello.txt", path + "/planted").Err);
        Assert.Equal(ErrorCode.NotPermitted, root.LinkAt(0, "hello.txt", root, path + "/hard").Err);

        // Nothing outside the sandbox was read, made, moved or deleted.
        Assert.Equal(new[] { "secret.txt" }, Directory.GetFileSystemEntries(_outside).Select(Path.GetFileName));
        Assert.Equal("secret", File.ReadAllText(Path.Combine(_outside, "secret.txt")));
        Assert.Equal(new[] { "outside", "sandbox" }, Directory.GetFileSystemEntries(_temp.Root).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(_sandbox, "hello.txt")));
    }

    [Fact]
    public void Links_out_of_the_preopen_are_refused_when_read_or_made_absolute()
    {
        MakeEscapeLinks();
        var root = Root(WasiDirectoryAccess.ReadWrite);
        Assert.Equal(ErrorCode.NotPermitted, root.ReadlinkAt("to-secret-absolute").Err);
        Assert.Equal("../outside/secret.txt", root.ReadlinkAt("to-secret").Ok);
        Assert.Equal(ErrorCode.NotPermitted, root.SymlinkAt(Path.Combine(_outside, "secret.txt"), "planted").Err);
        Assert.False(File.Exists(Path.Combine(_sandbox, "planted")));

        // Without symlink-follow a final link is the link itself: stat-at describes it, open-at refuses it.
        Assert.Equal(DescriptorType.SymbolicLink, root.StatAt(0, "to-secret").Ok.Type);
        Assert.Equal(ErrorCode.Loop, root.OpenAt(0, "to-secret", 0, ReadFlag).Err);

        // Unlinking or renaming the link itself stays inside and leaves its target alone.
        Assert.True(root.UnlinkFileAt("to-secret").IsOk);
        Assert.True(File.Exists(Path.Combine(_outside, "secret.txt")));
    }

    [Fact]
    public void Dot_dot_may_not_climb_above_the_descriptor_it_is_resolved_against()
    {
        var root = Root(WasiDirectoryAccess.ReadWrite);
        using var sub = root.OpenAt(0, "sub", OpenFlags.Directory, ReadFlag).Ok;
        Assert.Equal(ErrorCode.NotPermitted, sub.OpenAt(0, "../hello.txt", 0, ReadFlag).Err);
        Assert.Equal(ErrorCode.NoEntry, sub.OpenAt(0, "./x/../inner.txt", 0, ReadFlag).Err);
        Assert.Equal(ErrorCode.NotDirectory, root.OpenAt(0, "hello.txt/../sub", 0, ReadFlag).Err);
        Assert.True(sub.OpenAt(0, "./inner.txt", 0, ReadFlag).IsOk);
        Assert.True(root.OpenAt(0, "sub/../hello.txt", 0, ReadFlag).IsOk);
    }

    [Fact]
    public void A_symlink_loop_fails_with_loop()
    {
        File.CreateSymbolicLink(Path.Combine(_sandbox, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(_sandbox, "b"), "a");
        var root = Root(WasiDirectoryAccess.ReadWrite);
        Assert.Equal(ErrorCode.Loop, root.OpenAt(PathFlags.SymlinkFollow, "a", 0, ReadFlag).Err);
        Assert.Equal(ErrorCode.Loop, root.StatAt(0, "a/x").Err);
    }

    [Fact]
    public void Symlinks_inside_the_preopen_are_followed()
    {
        Directory.CreateSymbolicLink(Path.Combine(_sandbox, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(_sandbox, "sub", "hello-link"), "../hello.txt");
        var root = Root(WasiDirectoryAccess.ReadOnly);
        Assert.Equal("hello, world", Read(root, "sub/hello-link"));
        Assert.Equal("hello, world", Read(root, "sub/up/sub/up/hello.txt"));
        Assert.Equal("inner", Read(root, "sub/up/sub/inner.txt"));
    }

    [Fact]
    public void A_read_only_preopen_refuses_every_change_with_read_only()
    {
        var root = Root(WasiDirectoryAccess.ReadOnly);
        Assert.Equal(ErrorCode.ReadOnly, root.OpenAt(0, "hello.txt", 0, WriteFlags).Err);
        Assert.Equal(ErrorCode.ReadOnly, root.OpenAt(0, "hello.txt", OpenFlags.Truncate, ReadFlag).Err);
        Assert.Equal(ErrorCode.ReadOnly, root.OpenAt(0, "new.txt", OpenFlags.Create, ReadFlag).Err);
        Assert.Equal(ErrorCode.ReadOnly, root.OpenAt(0, "sub", OpenFlags.Directory, DescriptorFlags.MutateDirectory).Err);
        Assert.Equal(ErrorCode.ReadOnly, root.CreateDirectoryAt("new").Err);
        Assert.Equal(ErrorCode.ReadOnly, root.RemoveDirectoryAt("sub").Err);
        Assert.Equal(ErrorCode.ReadOnly, root.UnlinkFileAt("hello.txt").Err);
        Assert.Equal(ErrorCode.ReadOnly, root.RenameAt("hello.txt", root, "moved.txt").Err);
        Assert.Equal(ErrorCode.ReadOnly, root.SymlinkAt("hello.txt", "link").Err);
        Assert.Equal(ErrorCode.ReadOnly, root.LinkAt(0, "hello.txt", root, "hard").Err);
        Assert.Equal(ErrorCode.ReadOnly, root.SetTimesAt(0, "hello.txt", new NewTimestamp.Now(), new NewTimestamp.Now()).Err);

        // Descriptors opened below it are read-only too.
        using var sub = root.OpenAt(0, "sub", OpenFlags.Directory, ReadFlag).Ok;
        Assert.Equal(ErrorCode.ReadOnly, sub.UnlinkFileAt("inner.txt").Err);
        using var file = root.OpenAt(0, "hello.txt", 0, ReadFlag).Ok;
        Assert.Equal(ErrorCode.BadDescriptor, file.Write("x"u8.ToArray(), 0).Err);
        Assert.Equal(ErrorCode.ReadOnly, file.SetTimes(new NewTimestamp.Now(), new NewTimestamp.Now()).Err);

        Assert.Equal(new[] { "hello.txt", "sub" }, Directory.GetFileSystemEntries(_sandbox).Select(Path.GetFileName).Order());
        Assert.Equal("hello, world", File.ReadAllText(Path.Combine(_sandbox, "hello.txt")));
        Assert.True(File.Exists(Path.Combine(_sandbox, "sub", "inner.txt")));
        Assert.Equal("hello, world", Read(root, "hello.txt"));
    }

    [Fact]
    public void A_stream_failure_carries_its_filesystem_error_code()
    {
        var host = Configure().WithPreopenedDirectory(_sandbox, "/", WasiDirectoryAccess.ReadWrite).CreateHost();
        var root = host.Imports.Preopens.GetDirectories()[0].Item1;
        var file = root.OpenAt(0, "hello.txt", 0, ReadFlag).Ok;
        var input = file.ReadViaStream(0).Ok;
        file.Dispose(); // the guest dropped the descriptor before its stream
        var error = Assert.IsType<StreamError.LastOperationFailed>(input.Read(10).Err);
        Assert.Equal(ErrorCode.BadDescriptor, host.Imports.Types.FilesystemErrorCode(error.Value));
        Assert.False(string.IsNullOrEmpty(error.Value.ToDebugString()));
        Assert.IsType<StreamError.Closed>(input.Read(10).Err);
    }

    private Descriptor Root(WasiDirectoryAccess access) =>
        Configure().WithPreopenedDirectory(_sandbox, "/", access).CreateHost().Imports.Preopens.GetDirectories()[0].Item1;

    private WasiConfiguration Configure() => Sandbox.SandboxTree.WithMode(new WasiConfiguration(), _mode);

    private void MakeEscapeLinks()
    {
        Directory.CreateSymbolicLink(Path.Combine(_sandbox, "to-outside"), "../outside");
        Directory.CreateSymbolicLink(Path.Combine(_sandbox, "to-outside-absolute"), _outside);
        File.CreateSymbolicLink(Path.Combine(_sandbox, "to-secret"), "../outside/secret.txt");
        File.CreateSymbolicLink(Path.Combine(_sandbox, "to-secret-absolute"), Path.Combine(_outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(_sandbox, "chain"), "sub/to-parent-parent/outside/secret.txt");
        Directory.CreateSymbolicLink(Path.Combine(_sandbox, "sub", "to-parent-parent"), "../..");
    }

    private static string Read(Descriptor root, string path)
    {
        using var file = root.OpenAt(PathFlags.SymlinkFollow, path, 0, ReadFlag).Ok;
        return Encoding.UTF8.GetString(file.Read(1000, 0).Ok.Item1);
    }

    private static List<DirectoryEntry> ReadAll(DirectoryEntryStream stream)
    {
        var entries = new List<DirectoryEntry>();
        while (stream.ReadDirectoryEntry().Ok is { } entry)
        {
            entries.Add(entry);
        }

        return entries;
    }
}
