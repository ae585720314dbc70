using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// Calls through a live link allocate nothing on the .NET heap: no dynamic values, strings, arrays or per-call
/// objects, for scalars and for a string echoed through the callee's memory (also with different encodings).
/// </summary>
public class LinkedCallAllocationTests
{
    private static readonly ComponentRuntime Runtime = new();

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void Linked_calls_allocate_nothing(string calleeEncoding)
    {
        var calleeText = calleeEncoding == "utf8" ? LinkedPairWat.Callee : LinkedPairWat.Callee.Replace("(post-return", $"string-encoding={calleeEncoding} (post-return");
        using var callee = Runtime.LoadText(calleeText).Instantiate();
        using var caller = Runtime.LoadText(LinkedPairWat.Caller).Instantiate(new HostImports().LinkExports(callee));
        var addLoop = caller.GetRawFunction("add-loop")!;
        var echoLoop = caller.GetRawFunction("echo-loop")!;
        var cx = echoLoop.CreateContext();
        var text = new string('x', 50) + new string('é', 25);

        uint AddLoop(uint n)
        {
            Span<RawValue> slots = stackalloc RawValue[1];
            slots[0] = RawValue.FromU32(n);
            var entered = addLoop.Call(slots);
            var result = slots[0].U32;
            addLoop.Complete(entered, slots);
            return result;
        }

        uint EchoLoop(uint n)
        {
            Span<RawValue> slots = stackalloc RawValue[3];
            var s = CanonicalAbi.LowerString(cx, text);
            slots[0] = RawValue.FromU32(s.Pointer);
            slots[1] = RawValue.FromU32(s.Length);
            slots[2] = RawValue.FromU32(n);
            var entered = echoLoop.Call(slots);
            var result = slots[0].U32;
            echoLoop.Complete(entered, slots);
            return result;
        }

        Assert.Equal(4950u, AddLoop(100));
        Assert.Equal(100u * 100, EchoLoop(100)); // 100 UTF-8 bytes per echo
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            AddLoop(100);
            EchoLoop(100);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
