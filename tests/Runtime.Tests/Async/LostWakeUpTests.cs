using WitBindgen.Runtime.Async;
using WitBindgen.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Runtime.Tests.Async;

/// <summary>
/// A host operation posted from another thread just after the blocking loop looked at the queue, and before it waits:
/// the wake-up that comes with the post must not be lost (it once was, and `witbindgen run` on a 0.3 command hung).
/// </summary>
public class LostWakeUpTests
{
    [Fact]
    public void A_write_posted_between_the_loops_look_and_its_wait_is_still_run()
    {
        using var instance = new ComponentRuntime().LoadText(HostStreamComponent.Text).Instantiate(new HostImports());
        var scheduler = AsyncScheduler.For(instance.State);
        // Without the fix the loop waits for a wake-up nobody sends: bounded here, so the test fails instead of hanging.
        scheduler.HostWaitTimeout = TimeSpan.FromSeconds(10);
        var (reader, writer) = WitStream.Create(WitCodecs.Bytes);
        var posts = 0;
        scheduler.BeforeHostWait = () =>
        {
            // The synchronous call below holds the loop on this thread, so another thread's write or drop is posted to
            // it; that thread has finished posting when this returns.
            var other = new Thread(() =>
            {
                if (posts++ == 0)
                {
                    _ = writer.WriteAsync(new byte[] { 1, 2, 3, 4 }); // one read of the guest takes it all
                }
                else
                {
                    writer.Dispose();
                }
            });
            other.Start();
            other.Join();
        };

        var results = instance.GetFunction("consume")!.Invoke([reader.ToWitValue()]);

        Assert.Equal(10u, results[0].AsU32());
        Assert.True(posts >= 2, $"the seam ran {posts} times");
    }
}
