using Wasi.Filesystem.Types;
using WitBindgen.Wasi.Filesystem.Posix;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>
/// The per-instance WASI state makes its parts on first use (output sinks, the metadata-hash secret): a part first used
/// late behaves as one made with the instance.
/// </summary>
public class WasiContextTests
{
    private static FileStatus Status(ulong device, ulong inode) =>
        new(DescriptorType.RegularFile, device, inode, 1, 0, default, default, default);

    [Fact]
    public void Output_sinks_are_made_once_and_deliver_to_the_configured_streams()
    {
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        var context = new WasiContext(new WasiSettings(new WasiConfiguration().WithStdout(stdout).WithStderr(stderr)));

        // Draining before any output neither fails nor writes.
        context.DrainOutputs();
        Assert.Equal(0, stdout.Length);

        Assert.Same(context.Stdout, context.Stdout);
        Assert.NotSame(context.Stdout, context.Stderr);
        context.Stdout.Accept("out"u8);
        context.Stderr.Accept("err"u8);
        context.DrainOutputs();
        Assert.Equal("out"u8.ToArray(), stdout.ToArray());
        Assert.Equal("err"u8.ToArray(), stderr.ToArray());
    }

    [Fact]
    public void The_metadata_hash_is_stable_within_an_instance_and_keyed_per_instance()
    {
        var settings = new WasiSettings(new WasiConfiguration());
        var one = new WasiContext(settings);
        var other = new WasiContext(settings);

        var first = one.Hash(Status(1, 2));
        Assert.Equal(first, one.Hash(Status(1, 2)));
        Assert.NotEqual(first, one.Hash(Status(1, 3)));
        Assert.NotEqual(first, other.Hash(Status(1, 2)));
    }
}
