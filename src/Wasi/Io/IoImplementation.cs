using Wasi.Io.Error;
using Wasi.Io.Poll;
using Wasi.Io.Streams;
using WitBindgen.Runtime;

namespace WitBindgen.Wasi.Io;

/// <summary><c>wasi:io/error</c>, <c>poll</c> and <c>streams</c>: their functions are methods of the resources, except <c>poll</c>.</summary>
internal sealed class IoImplementation : IError, IPoll, IStreams
{
    private readonly WasiContext _context;

    public IoImplementation(WasiContext context) => _context = context;

    public uint[] Poll(Pollable[] @in) => HostCall.Trap(_context, "poll", () =>
    {
        ArgumentNullException.ThrowIfNull(@in);
        if (@in.Length == 0)
        {
            throw new ComponentTrapException("wasi:io/poll.poll was called with an empty list of pollables");
        }

        var pollables = new HostPollable[@in.Length];
        for (var i = 0; i < @in.Length; i++)
        {
            pollables[i] = @in[i] as HostPollable
                ?? throw new InvalidOperationException($"pollable {i} was not made by the WASI host");
        }

        while (true)
        {
            var ready = new List<uint>();
            for (var i = 0; i < pollables.Length; i++)
            {
                if (pollables[i].IsReady())
                {
                    ready.Add((uint)i);
                }
            }

            if (ready.Count > 0)
            {
                return ready.ToArray();
            }

            // Nothing is ready, so every pollable waits for a deadline: wait for the earliest, then look again.
            pollables.Where(p => p.Deadline.HasValue).MinBy(p => p.Deadline!.Value)!.Wait();
        }
    });
}
