using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// Streams and futures whose ends the host holds (<see cref="StreamReader{T}"/>, <see cref="StreamWriter{T}"/>,
/// <see cref="FutureReader{T}"/>, <see cref="FutureWriter{T}"/>) against the guest of <see cref="HostStreamComponent"/>:
/// data both ways, element codecs, cancellation, drops, and guests that go on after the other end was dropped.
/// </summary>
public class HostStreamTests
{
    private static readonly ComponentRuntime Runtime = new();
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static ComponentInstance Instantiate() => Runtime.LoadText(HostStreamComponent.Text).Instantiate(new HostImports());

    private static async Task<StreamReader<byte>> GuestBytes(ComponentInstance instance, uint count, string export = "bytes")
    {
        var results = await instance.GetFunction(export)!.InvokeAsync([WitValue.U32(count)]).WaitAsync(Timeout);
        return StreamReader<byte>.FromWitValue(results[0], WitCodecs.Bytes);
    }

    [Fact]
    public async Task TheHostReadsAGuestsByteStreamInChunksUntilTheWriterDropsIt()
    {
        using var instance = Instantiate();
        using var reader = await GuestBytes(instance, 20);
        var buffer = new byte[8];
        var received = new List<byte>();
        var counts = new List<int>();
        int n;
        while ((n = await reader.ReadAsync(buffer).WaitAsync(Timeout)) > 0)
        {
            counts.Add(n);
            received.AddRange(buffer[..n]);
        }

        Assert.Equal([8, 8, 4], counts);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (byte)i), received);
        Assert.True(reader.IsCompleted);
    }

    [Fact]
    public async Task ARecordStreamIsLiftedByItsCodec()
    {
        using var instance = Instantiate();
        var function = instance.GetFunction("points")!;
        var element = ((AbiAsyncValueType)function.Type!.Results[0]).Element!;
        var results = await function.InvokeAsync([WitValue.U32(3)]).WaitAsync(Timeout);
        using var reader = StreamReader<(uint X, uint Y)>.FromWitValue(results[0], new PointCodec(element));
        var points = new List<(uint X, uint Y)>();
        await foreach (var p in reader.WithCancellation(new CancellationTokenSource(Timeout).Token))
        {
            points.Add(p);
        }

        Assert.Equal([(1u, 2u), (3u, 4u), (5u, 6u)], points);
    }

    [Fact]
    public async Task AReaderOfTheWrongElementTypeIsRefused()
    {
        using var instance = Instantiate();
        var results = await instance.GetFunction("points")!.InvokeAsync([WitValue.U32(1)]).WaitAsync(Timeout);
        Assert.Throws<ArgumentException>(() => StreamReader<byte>.FromWitValue(results[0], WitCodecs.Bytes));
    }

    [Fact]
    public async Task AByteStreamReadsAsASystemIOStream()
    {
        using var instance = Instantiate();
        await using var stream = (await GuestBytes(instance, 20)).AsStream();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (byte)i), copy.ToArray());
    }

    [Fact]
    public async Task TheHostWritesAStreamTheGuestReads()
    {
        using var instance = Instantiate();
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        var call = instance.GetFunction("consume")!.InvokeAsync([reader.ToWitValue()]);
        Assert.False(call.IsCompleted);
        Assert.Equal(10, await writer.WriteAsync(Enumerable.Range(1, 10).Select(i => (byte)i).ToArray()).WaitAsync(Timeout));
        writer.Dispose();
        Assert.Equal(55u, (await call.WaitAsync(Timeout))[0].AsU32());
    }

    [Fact]
    public async Task TheHostWritesThroughASystemIOStream()
    {
        using var instance = Instantiate();
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        var call = instance.GetFunction("consume")!.InvokeAsync([reader.ToWitValue()]);
        await using (var stream = writer.AsStream())
        {
            await stream.WriteAsync(new byte[] { 100, 50, 7 }).AsTask().WaitAsync(Timeout);
        }

        Assert.Equal(157u, (await call.WaitAsync(Timeout))[0].AsU32());
    }

    [Fact]
    public async Task AGuestsFutureIsAwaited()
    {
        using var instance = Instantiate();
        var results = await instance.GetFunction("future-out")!.InvokeAsync([WitValue.U32(7)]).WaitAsync(Timeout);
        using var future = FutureReader<uint>.FromWitValue(results[0], WitCodecs.UInt32);
        Assert.Equal(7u, await future.ReadAsync().WaitAsync(Timeout));
        await Assert.ThrowsAsync<InvalidOperationException>(() => future.ReadAsync());
    }

    [Fact]
    public async Task TheHostWritesAFutureTheGuestReads()
    {
        using var instance = Instantiate();
        var (reader, writer) = WitFuture.Create(WitCodecs.UInt32);
        var call = instance.GetFunction("future-in")!.InvokeAsync([reader.ToWitValue()]);
        Assert.False(call.IsCompleted);
        Assert.True(await writer.WriteAsync(42).WaitAsync(Timeout));
        Assert.Equal(42u, (await call.WaitAsync(Timeout))[0].AsU32());
    }

    [Fact]
    public async Task AFutureWriterDroppedWithoutAValueShowsTheGuestADroppedFuture()
    {
        using var instance = Instantiate();
        var (reader, writer) = WitFuture.Create(WitCodecs.UInt32);
        var call = instance.GetFunction("future-in")!.InvokeAsync([reader.ToWitValue()]);
        writer.Dispose();
        Assert.Equal(uint.MaxValue, (await call.WaitAsync(Timeout))[0].AsU32());
    }

    [Fact]
    public async Task AHostOnlyPairCopiesBetweenItsEnds()
    {
        var (reader, writer) = WitStream.Create(WitCodecs.Int32);
        var write = writer.WriteAsync(new[] { 1, 2, 3, 4, 5 });
        var buffer = new int[3];
        Assert.Equal(3, await reader.ReadAsync(buffer).WaitAsync(Timeout));
        Assert.Equal([1, 2, 3], buffer);
        Assert.Equal(2, await reader.ReadAsync(buffer).WaitAsync(Timeout));
        Assert.Equal(5, await write.WaitAsync(Timeout));
        writer.Dispose();
        Assert.Equal(0, await reader.ReadAsync(buffer).WaitAsync(Timeout));
    }

    [Fact]
    public async Task ACancelledReadThrowsAndTheReaderCanReadAgain()
    {
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(new byte[4], cancellation.Token).WaitAsync(Timeout));
        }

        var write = writer.WriteAsync(new byte[] { 9 });
        var buffer = new byte[4];
        Assert.Equal(1, await reader.ReadAsync(buffer).WaitAsync(Timeout));
        Assert.Equal(9, buffer[0]);
        Assert.Equal(1, await write.WaitAsync(Timeout));
    }

    [Fact]
    public async Task AWriteToADroppedReaderWritesNothingMore()
    {
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        reader.Dispose();
        Assert.Equal(0, await writer.WriteAsync(new byte[] { 1, 2 }).WaitAsync(Timeout));
        Assert.True(writer.IsReaderDropped);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reader.ReadAsync(new byte[1]));
    }

    [Fact]
    public async Task DroppingTheReaderMidwayEndsTheGuestsWritesAndTheInstanceGoesOn()
    {
        using var instance = Instantiate();
        var reader = await GuestBytes(instance, 20);
        Assert.Equal(8, await reader.ReadAsync(new byte[8]).WaitAsync(Timeout));
        reader.Dispose();

        // The guest learns of the drop at the loop's next step (inside this call), drops its writer and exits.
        var (consumed, writer) = WitStream.Create(WitCodecs.Bytes);
        var call = instance.GetFunction("consume")!.InvokeAsync([consumed.ToWitValue()]);
        await writer.WriteAsync(new byte[] { 3 }).WaitAsync(Timeout);
        writer.Dispose();
        Assert.Equal(3u, (await call.WaitAsync(Timeout))[0].AsU32());
    }

    [Fact]
    public async Task AGuestThatWritesAfterTheReaderDroppedTraps()
    {
        using var instance = Instantiate();
        var reader = await GuestBytes(instance, 20, "bytes-hostile");
        Assert.Equal(8, await reader.ReadAsync(new byte[8]).WaitAsync(Timeout));
        reader.Dispose();

        var (consumed, writer) = WitStream.Create(WitCodecs.Bytes);
        var e = await Assert.ThrowsAsync<ComponentTrapException>(() => instance.GetFunction("consume")!.InvokeAsync([consumed.ToWitValue()]).WaitAsync(Timeout));
        Assert.Contains("after it is done", e.Message, StringComparison.Ordinal);
        writer.Dispose();
    }

    [Fact]
    public async Task AGuestThatReadsAfterTheWriterDroppedTraps()
    {
        using var instance = Instantiate();
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        var call = instance.GetFunction("consume-hostile")!.InvokeAsync([reader.ToWitValue()]);
        await writer.WriteAsync(new byte[] { 1, 2, 3 }).WaitAsync(Timeout);
        writer.Dispose();
        var e = await Assert.ThrowsAsync<ComponentTrapException>(() => call.WaitAsync(Timeout));
        Assert.Contains("after it is done", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawAsyncCallsPassAndReturnStreamsWithoutDynamicValues()
    {
        using var instance = Instantiate();
        var bytes = instance.GetRawAsyncFunction("bytes")!;
        using var reader = await bytes.InvokeAsync(
            (_, slots) => slots[0] = RawValue.FromU32(5),
            (cx, values) => AsyncHandles.LiftStream(cx, values[0].U32, WitCodecs.Bytes)).WaitAsync(Timeout);

        var consume = instance.GetRawAsyncFunction("consume")!;
        var sum = await consume.InvokeAsync(
            (cx, slots) => slots[0] = RawValue.FromU32(AsyncHandles.LowerStream(cx, reader)),
            (_, values) => values[0].U32).WaitAsync(Timeout);

        Assert.Equal(15u, sum);
        Assert.Null(instance.GetRawAsyncFunction("missing"));
    }

    /// <summary>A record of two u32s as a tuple (what generated bindings supply for a record element).</summary>
    private sealed class PointCodec(AbiType type) : WitCodec<(uint X, uint Y)>(type)
    {
        public override (uint X, uint Y) Load(AbiContext context, uint pointer)
        {
            var memory = context.GetMemory();
            return (BitConverter.ToUInt32(memory[(int)pointer..]), BitConverter.ToUInt32(memory[((int)pointer + 4)..]));
        }

        public override void Store(AbiContext context, (uint X, uint Y) value, uint pointer)
        {
            var memory = context.GetMemory();
            BitConverter.TryWriteBytes(memory[(int)pointer..], value.X);
            BitConverter.TryWriteBytes(memory[((int)pointer + 4)..], value.Y);
        }
    }
}
