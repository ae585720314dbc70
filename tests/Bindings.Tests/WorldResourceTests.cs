using Fixtures.WorldResources.WorldResources;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// A resource declared in the world (not in an interface): the host implements it (the generated abstract class), the
/// world's imports create it, its exports take it owned, borrowed and inside a world-level record, and give it back.
/// </summary>
public class WorldResourceTests
{
    private sealed class MemoryBlob(string name, IEnumerable<byte> bytes, List<string> log) : Blob
    {
        public string Name { get; } = name;

        public List<byte> Bytes { get; } = bytes.ToList();

        public override uint Size() => (uint)Bytes.Count;

        public override void Append(byte b) => Bytes.Add(b);

        protected override void Dispose(bool disposing) => log.Add("disposed " + Name);
    }

    private sealed class Host : IWorldResourcesImports
    {
        public List<string> Log { get; } = new();

        public Blob NewBlob(byte[] init)
        {
            Log.Add("new " + string.Join(",", init));
            return new MemoryBlob("built", init, Log);
        }

        public Blob BlobFromString(string s)
        {
            Log.Add("from " + s);
            return new MemoryBlob(s, System.Text.Encoding.UTF8.GetBytes(s), Log);
        }

        public Blob Zeros(uint n)
        {
            Log.Add("zeros " + n);
            return new MemoryBlob("zeros", new byte[n], Log);
        }
    }

    private static WorldResourcesWorld Instantiate(Host host) =>
        WorldResourcesWorld.Instantiate(Fixture.WorldResources, new WorldResourcesWorld.Imports(host));

    [Fact]
    public void The_guest_constructs_a_world_resource_calls_its_method_and_gives_it_to_the_host()
    {
        var host = new Host();
        using var world = Instantiate(host);
        var blob = Assert.IsType<MemoryBlob>(world.Build(7));
        Assert.Equal(new byte[] { 1, 2, 3, 7 }, blob.Bytes);
        Assert.Equal(new[] { "new 1,2,3" }, host.Log);
        Assert.Equal(4u, world.SizeOf(blob));
        blob.Dispose();
        Assert.Equal("disposed built", host.Log[^1]);
    }

    [Fact]
    public void A_host_blob_is_lent_directly_and_inside_a_world_record()
    {
        var host = new Host();
        using var world = Instantiate(host);
        var mine = new MemoryBlob("mine", new byte[] { 9, 9 }, host.Log);
        Assert.Equal(2u, world.SizeOf(mine));
        Assert.Equal(12u, world.SizeAt(new View(mine, 10)));
        Assert.Equal(12u, world.SizeAt(new View(mine, 10)));
        Assert.Empty(host.Log); // lending never disposes
    }

    [Fact]
    public void A_blob_moved_into_the_guest_is_disposed_when_the_guest_drops_it()
    {
        var host = new Host();
        using var world = Instantiate(host);
        var mine = new MemoryBlob("mine", new byte[] { 1, 2, 3, 4, 5 }, host.Log);
        Assert.Equal(5u, world.Consume(mine));
        Assert.Equal(new[] { "disposed mine" }, host.Log);
    }

    [Fact]
    public void The_static_function_and_a_world_import_make_blobs_the_guest_drops()
    {
        var host = new Host();
        using var world = Instantiate(host);
        Assert.Equal(8u, world.Made("hello", 3));
        Assert.Equal(new[] { "from hello", "disposed hello", "zeros 3", "disposed zeros" }, host.Log);
    }
}
