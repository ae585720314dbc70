using System.Buffers;
using System.Text;
using Fixtures.LargeResults.LargeResults;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// The large-result form (<c>int Echo(string s, Span&lt;byte&gt; utf8Destination)</c> and
/// <c>int Echo(string s, IBufferWriter&lt;byte&gt; utf8Destination)</c>) against a component whose post-return counts
/// its runs and overwrites the result's bytes: the bytes equal the ordinary method's result (as UTF-8), whatever the
/// guest's string encoding; a buffer too small throws once the call has completed; invalid results trap.
/// </summary>
public sealed class LargeResultTests : IDisposable
{
    private readonly LargeResultsWorld _world = LargeResultsWorld.Instantiate(Fixture.LargeResults);

    public void Dispose() => _world.Dispose();

    /// <summary>Texts: empty, ASCII, Latin-1, outside Latin-1, a surrogate pair, and one long enough to grow the guest's memory.</summary>
    public static TheoryData<string, string> Texts()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in new[] { "echo", "echo-utf16", "echo-latin1" })
        {
            foreach (var text in new[] { "", "hello", "héllo wörld ÿ", "naïve € ∑", "emoji 😀 pair", new string('x', 40_000) + "é€😀" })
            {
                data.Add(function, text);
            }
        }

        return data;
    }

    private string Ordinary(string function, string text) => function switch
    {
        "echo" => _world.Echo(text),
        "echo-utf16" => _world.EchoUtf16(text),
        _ => _world.EchoLatin1(text),
    };

    private int Copy(string function, string text, Span<byte> destination) => function switch
    {
        "echo" => _world.Echo(text, destination),
        "echo-utf16" => _world.EchoUtf16(text, destination),
        _ => _world.EchoLatin1(text, destination),
    };

    private int Write(string function, string text, IBufferWriter<byte> destination) => function switch
    {
        "echo" => _world.Echo(text, destination),
        "echo-utf16" => _world.EchoUtf16(text, destination),
        _ => _world.EchoLatin1(text, destination),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Both_forms_give_the_ordinary_methods_result_as_utf8(string function, string text)
    {
        var ordinary = Ordinary(function, text);
        Assert.Equal(text, ordinary);
        var expected = Encoding.UTF8.GetBytes(ordinary);

        // A span with room to spare: the count says where the result ends, the rest is untouched.
        var buffer = new byte[expected.Length + 16];
        Array.Fill(buffer, (byte)0x55);
        var written = Copy(function, text, buffer);
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, buffer[..written]);
        Assert.All(buffer[written..], b => Assert.Equal(0x55, b));

        // A span of exactly the result's length.
        var exact = new byte[expected.Length];
        Assert.Equal(expected.Length, Copy(function, text, exact));
        Assert.Equal(expected, exact);

        // A writer that already holds bytes: the result is appended.
        var writer = new ArrayBufferWriter<byte>();
        writer.Write("<<"u8);
        Assert.Equal(expected.Length, Write(function, text, writer));
        Assert.Equal([.. "<<"u8, .. expected], writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    public void Byte_list_results_are_copied(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        Assert.Equal(bytes, _world.EchoBytes(bytes));

        var buffer = new byte[length];
        Assert.Equal(length, _world.EchoBytes(bytes, buffer));
        Assert.Equal(bytes, buffer);

        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(length, _world.EchoBytes(bytes, writer));
        Assert.Equal(bytes, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Post_return_runs_once_per_call_after_the_result_was_copied()
    {
        // The fixture's post-return overwrites the result with 0xee: a copy made after it would show that.
        var start = _world.PostReturns();
        var buffer = new byte[64];
        Assert.Equal(5, _world.Echo("hello", buffer));
        Assert.Equal("hello"u8.ToArray(), buffer[..5]);
        Assert.Equal(start + 1, _world.PostReturns());

        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(10, _world.EchoUtf16("hello", writer) + _world.EchoBytes([1, 2, 3, 4, 5], writer));
        Assert.Equal([.. "hello"u8, 1, 2, 3, 4, 5], writer.WrittenSpan.ToArray());
        Assert.Equal(start + 3, _world.PostReturns());

        Assert.Equal("hello", _world.Echo("hello"));
        Assert.Equal(start + 4, _world.PostReturns());
    }

    [Fact]
    public void A_destination_too_small_throws_once_the_call_completed_and_the_instance_stays_usable()
    {
        var start = _world.PostReturns();
        var buffer = new byte[4];
        Array.Fill(buffer, (byte)0x55);

        var error = Assert.Throws<ArgumentException>(() => _world.Echo("héllo", buffer));
        Assert.Equal("utf8Destination", error.ParamName);
        Assert.Contains("function 'echo' has 6 bytes, but the destination holds 4", error.Message);
        Assert.All(buffer, b => Assert.Equal(0x55, b));
        Assert.Equal(start + 1, _world.PostReturns());

        var bytesError = Assert.Throws<ArgumentException>(() => _world.EchoBytes([1, 2, 3, 4, 5], buffer));
        Assert.Equal("destination", bytesError.ParamName);
        Assert.Equal(start + 2, _world.PostReturns());

        // A UTF-16 guest's text is measured as UTF-8: 'é' and '€' take 2 and 3 bytes.
        Assert.Throws<ArgumentException>(() => _world.EchoUtf16("é€", buffer));
        Assert.Equal(5, _world.EchoUtf16("é€", new byte[5]));

        Assert.Equal("still fine", _world.Echo("still fine"));
        Assert.Equal(10, _world.Echo("still fine", new byte[10]));
    }

    [Fact]
    public void A_null_writer_is_rejected_before_the_call()
    {
        var start = _world.PostReturns();
        var error = Assert.Throws<ArgumentNullException>(() => _world.Echo("x", (IBufferWriter<byte>)null!));
        Assert.Equal("utf8Destination", error.ParamName);
        Assert.Equal(start, _world.PostReturns());
    }

    [Fact]
    public void Invalid_text_traps_in_both_forms_as_in_the_ordinary_method()
    {
        foreach (var call in new Action<LargeResultsWorld>[]
        {
            w => w.BadUtf8(),
            w => w.BadUtf8(new byte[16]),
            w => w.BadUtf8(new byte[1]),
            w => w.BadUtf8(new ArrayBufferWriter<byte>()),
        })
        {
            using var world = LargeResultsWorld.Instantiate(Fixture.LargeResults);
            var error = Assert.Throws<ComponentTrapException>(() => call(world));
            Assert.Equal(ComponentTrapKind.InvalidUtf8, error.Kind);
            Assert.Contains("invalid byte sequence at byte offset 1", error.Message);

            // As after any trap, the instance is poisoned.
            Assert.Throws<ComponentTrapException>(() => world.PostReturns());
        }

        foreach (var call in new Action<LargeResultsWorld>[] { w => w.BadUtf16(), w => w.BadUtf16(new byte[16]), w => w.BadUtf16(new ArrayBufferWriter<byte>()) })
        {
            using var world = LargeResultsWorld.Instantiate(Fixture.LargeResults);
            var error = Assert.Throws<ComponentTrapException>(() => call(world));
            Assert.Equal(ComponentTrapKind.InvalidUtf16, error.Kind);
            Assert.Contains("unpaired surrogate 0xd800 at code unit 1", error.Message);
        }
    }

    [Fact]
    public void A_byte_list_out_of_bounds_traps_in_both_forms()
    {
        foreach (var call in new Action<LargeResultsWorld>[] { w => w.BadBytes(), w => w.BadBytes(new byte[16]), w => w.BadBytes(new ArrayBufferWriter<byte>()) })
        {
            using var world = LargeResultsWorld.Instantiate(Fixture.LargeResults);
            var error = Assert.Throws<ComponentTrapException>(() => call(world));
            Assert.Equal(ComponentTrapKind.OutOfBounds, error.Kind);
        }
    }

    /// <summary>A writer whose <c>GetSpan</c> calls back into the instance that is filling it.</summary>
    private sealed class ReentrantWriter(LargeResultsWorld world) : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _inner = new();

        public void Advance(int count) => _inner.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            world.PostReturns();
            return _inner.GetSpan(sizeHint);
        }
    }

    [Fact]
    public void A_writer_that_reenters_the_instance_gets_a_clear_exception()
    {
        using var world = LargeResultsWorld.Instantiate(Fixture.LargeResults);
        var error = Assert.Throws<ComponentTrapException>(() => world.Echo("hello", new ReentrantWriter(world)));
        Assert.Equal(ComponentTrapKind.Reentrance, error.Kind);
        Assert.Contains("already running", error.Message);
    }
}
