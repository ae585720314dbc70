using Wasi.Filesystem.Types;
using Xunit;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>File timestamps show the host's clock, so they are hidden from a guest whose wall clock was replaced.</summary>
public sealed class FileTimeTests : IDisposable
{
    private readonly SandboxTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void With_the_hosts_clock_file_times_are_shown()
    {
        var stat = Stat(new WasiConfiguration(), "file.txt");
        Assert.Equal(SandboxTree.Past, DateTime.UnixEpoch.AddSeconds(stat.DataModificationTimestamp!.Value.Seconds));
        Assert.NotNull(stat.StatusChangeTimestamp);
    }

    [Fact]
    public void With_an_injected_clock_no_file_time_is_shown_unless_the_embedder_asks()
    {
        var injected = new WasiConfiguration().WithWallClock(() => new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var hidden = Stat(injected, "file.txt");
        Assert.Null(hidden.DataAccessTimestamp);
        Assert.Null(hidden.DataModificationTimestamp);
        Assert.Null(hidden.StatusChangeTimestamp);
        Assert.Equal(17UL, hidden.Size);

        // A file the guest makes now would carry the host's real time; it is hidden as well.
        var root = Root(injected);
        root.OpenAt(0, "new.txt", OpenFlags.Create, DescriptorFlags.Write).Ok.Dispose();
        Assert.Null(root.StatAt(0, "new.txt").Ok.DataModificationTimestamp);

        // `now` in set-times is the guest's clock, visible when the embedder shows times.
        var shown = Root(new WasiConfiguration().WithWallClock(() => new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero)).WithFileTimestamps(true));
        Assert.True(shown.SetTimesAt(0, "file.txt", new NewTimestamp.Now(), new NewTimestamp.Now()).IsOk);
        Assert.Equal(915148800UL, shown.StatAt(0, "file.txt").Ok.DataModificationTimestamp!.Value.Seconds);
        Assert.Null(Stat(new WasiConfiguration().WithFileTimestamps(false), "file.txt").DataModificationTimestamp);
    }

    private DescriptorStat Stat(WasiConfiguration config, string path) => Root(config).StatAt(0, path).Ok;

    private Descriptor Root(WasiConfiguration config) =>
        _tree.Configure(SandboxTree.Kernel, config).CreateHost().Imports.Preopens.GetDirectories()[0].Item1;
}
