using Fixtures.AsyncStreams.AsyncStreams;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Generated bindings of <c>async func</c> exports with streams and futures (wit/async-streams.wit): Task-returning
/// methods, typed stream and future handles both ways, records as stream elements.
/// </summary>
public class AsyncStreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static AsyncStreamsWorld Instantiate() => AsyncStreamsWorld.Instantiate(Fixture.AsyncStreams);

    [Fact]
    public async Task An_async_export_returns_a_byte_stream_the_host_enumerates()
    {
        using var world = Instantiate();
        using var reader = await world.BytesAsync(12).WaitAsync(Timeout);
        var bytes = new List<byte>();
        await foreach (var b in reader.WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            bytes.Add(b);
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (byte)i), bytes);
    }

    [Fact]
    public async Task A_stream_of_records_is_lifted_by_the_generated_codec()
    {
        using var world = Instantiate();
        using var reader = await world.PointsAsync(3).WaitAsync(Timeout);
        var buffer = new Point[8];
        var n = await reader.ReadAsync(buffer).WaitAsync(Timeout);
        Assert.Equal([new Point(1, 2), new Point(3, 4), new Point(5, 6)], buffer[..n]);
        Assert.Equal(0, await reader.ReadAsync(buffer).WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_host_stream_passed_to_an_async_export_is_read_by_the_guest()
    {
        using var world = Instantiate();
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        var sum = world.ConsumeAsync(reader);
        await using (var stream = writer.AsStream())
        {
            await stream.WriteAsync(Enumerable.Range(1, 100).Select(i => (byte)i).ToArray()).AsTask().WaitAsync(Timeout);
        }

        Assert.Equal(5050u, await sum.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_stream_returned_by_one_export_is_passed_on_to_another()
    {
        using var world = Instantiate();
        var reader = await world.BytesAsync(10).WaitAsync(Timeout);
        Assert.Equal(55u, await world.ConsumeAsync(reader).WaitAsync(Timeout));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reader.ReadAsync(new byte[1]));
    }

    [Fact]
    public async Task Futures_are_awaited_and_written()
    {
        // Two instances: the fixture keeps one future handle per instance.
        using var world = Instantiate();
        using var future = await world.FutureOutAsync(41).WaitAsync(Timeout);
        Assert.Equal(41u, await future.ReadAsync().WaitAsync(Timeout));

        using var other = Instantiate();
        var (reader, writer) = WitFuture.Create(WitCodecs.UInt32);
        var value = other.FutureInAsync(reader);
        Assert.True(await writer.WriteAsync(9).WaitAsync(Timeout));
        Assert.Equal(9u, await value.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_null_stream_argument_is_refused_before_the_call()
    {
        using var world = Instantiate();
        await Assert.ThrowsAsync<ArgumentNullException>(() => world.ConsumeAsync(null!));
    }

    [Fact]
    public async Task A_cancelled_token_cancels_the_wait()
    {
        using var world = Instantiate();
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world.ConsumeAsync(reader, cancellation.Token).WaitAsync(Timeout));
        writer.Dispose();
    }
}
