using System.Runtime.CompilerServices;

namespace WitBindgen.Runtime.State;

/// <summary>
/// Lazy release of a root instance (issue 20): a thread that leaves a root keeps its owner word (the root stays bound
/// to it) and marks only its own claim idle, so that its next call enters with a plain write and read instead of a
/// compare-exchange. Another thread takes the root over with an asymmetric Dekker handshake: it withdraws the claim,
/// makes every thread pass a full memory barrier (<see cref="Interlocked.MemoryBarrierProcessWide"/>, a few
/// microseconds) and then reads the claim's <see cref="LazyClaim.Active"/>; either it sees the holder inside (the root is
/// in use: refused as before), or the holder, entering later, sees its claim withdrawn and backs off to the atomic path.
/// Two threads never both pass. A root taken over more than <see cref="MaxTakeovers"/> times stops being held lazily
/// (it is used from many threads: the compare-exchange per call is cheaper than a barrier per change of thread; tests
/// raise the limit through <see cref="TakeoverLimit"/>).
/// </summary>
/// <remarks>
/// Only a root without an adapter cell is held lazily, and only the host's entry (<see cref="Enter"/>) and
/// <see cref="ClaimForCall"/> take a lazy hold; every other path that claims the owner word (<see cref="EnterOne"/>,
/// <see cref="Claim"/>) first turns an idle lazy hold into a free root (<see cref="Unlazy"/>) and then works as before.
/// </remarks>
public sealed unsafe partial class InstanceState
{
    /// <summary>Takeovers after which a root is no longer held lazily.</summary>
    internal const int MaxTakeovers = 16;

    /// <summary>A thread's lasting claim on a root; <see cref="Active"/> is written only by that thread.</summary>
    private sealed class LazyClaim(int thread)
    {
        /// <summary>The thread (its <see cref="Interop.CallingThread.Id"/>).</summary>
        public readonly int Thread = thread;

        /// <summary>True while the thread holds the root through this claim (a call, or a call begun).</summary>
        public bool Active;
    }

    /// <summary>
    /// On the root: the claim of the thread whose id is in the owner word while it keeps the root between calls, or
    /// null. Withdrawn (set to null) only under <see cref="TakeoverLock"/>.
    /// </summary>
    private LazyClaim? _lazy;

    /// <summary>On the root: the claim made last, reused by its thread (a thread has one claim object per root).</summary>
    private LazyClaim? _lastClaim;

    /// <summary>On the root: how often another thread took it from a lazy holder (written under <see cref="TakeoverLock"/>).</summary>
    private int _takeovers;

    /// <summary>On the root: takeovers after which it is no longer held lazily (<see cref="MaxTakeovers"/>; tests raise it).</summary>
    internal int TakeoverLimit { get; set; } = MaxTakeovers;

    /// <summary>On the root: how often another thread took it from a lazy holder.</summary>
    internal int Takeovers => Volatile.Read(ref _takeovers);

    /// <summary>Serializes withdrawals of a root's lazy claim (the root's instance list: private, never null on a root).</summary>
    private object TakeoverLock => _instances;

    /// <summary>
    /// Takes the root through the calling thread's idle lazy claim: a plain write and read, no atomic operation. False
    /// when the thread has none (or it was withdrawn meanwhile): the caller takes the atomic path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryHoldLazily(int thread)
    {
        var claim = _lazy;
        if (claim is null || claim.Thread != thread || claim.Active)
        {
            return false;
        }

        // Dekker with a process-wide barrier on the other side (Unlazy): the write is seen by a thread taking the root
        // over, or this read sees the claim withdrawn.
        Volatile.Write(ref claim.Active, true);
        if (ReferenceEquals(Volatile.Read(ref _lazy), claim))
        {
            return true;
        }

        Volatile.Write(ref claim.Active, false);
        return false;
    }

    /// <summary>
    /// Frees the root: a lazy hold becomes idle again; an atomic hold by the calling thread becomes a lazy one when the
    /// root may be held lazily, else the owner word is cleared.
    /// </summary>
    private void FreeRoot(int thread)
    {
        // The holder is the owner word's thread: a call may end on another thread than it began on (an async call's
        // continuation), and then ends the holder's lazy hold as the holder would.
        var owner = Volatile.Read(ref Owner);
        var claim = _lastClaim;
        if (claim is not null && claim.Thread == owner && claim.Active)
        {
            Volatile.Write(ref claim.Active, false);
            return;
        }

        if (owner == thread && _cell == null && _takeovers < TakeoverLimit)
        {
            if (claim is null || claim.Thread != thread)
            {
                claim = _lastClaim = new LazyClaim(thread);
            }

            Volatile.Write(ref _lazy, claim);
            return;
        }

        Volatile.Write(ref Owner, 0);
    }

    /// <summary>
    /// Whether the calling thread may hold the root only lazily (idle) although the owner word holds its id: then a
    /// claim must take the slow path (<see cref="Unlazy"/> decides).
    /// </summary>
    private bool MaybeIdleLazily(int thread) => _lastClaim is { } claim && claim.Thread == thread && !claim.Active;

    /// <summary>
    /// After a compare-exchange on the owner word found <paramref name="holder"/>: turns an idle lazy hold into a free
    /// root (taking it from another thread with the process-wide barrier). True when the owner word may have become
    /// free (try again); false when the root is held (by <paramref name="holder"/>, in a call or a claim).
    /// </summary>
    private bool Unlazy(int holder, int thread)
    {
        if (!ReferenceEquals(Root, this))
        {
            return false; // only a root is held lazily
        }

        lock (TakeoverLock)
        {
            if (Volatile.Read(ref Owner) != holder)
            {
                return true; // changed meanwhile (a takeover finished, or the holder left)
            }

            var claim = Volatile.Read(ref _lazy);
            if (claim is null || claim.Thread != holder)
            {
                return false; // held without a lazy claim: a call or a claim in progress
            }

            if (holder == thread)
            {
                if (claim.Active)
                {
                    return false; // this thread is inside (reentrance, or held already)
                }

                Volatile.Write(ref _lazy, null);
                Volatile.Write(ref Owner, 0);
                return true;
            }

            Volatile.Write(ref _lazy, null);
            Interlocked.MemoryBarrierProcessWide();
            if (Volatile.Read(ref claim.Active))
            {
                Volatile.Write(ref _lazy, claim); // the holder is inside: the root is in use
                return false;
            }

            _takeovers++;
            Interlocked.CompareExchange(ref Owner, 0, holder);
            return true;
        }
    }

    /// <summary>Claims <paramref name="i"/>'s owner word for <paramref name="thread"/> with a compare-exchange, taking over an idle lazy hold.</summary>
    /// <returns>Zero when claimed, else the thread holding it.</returns>
    private static int Acquire(InstanceState i, int thread)
    {
        while (true)
        {
            var previous = Interlocked.CompareExchange(ref i.Owner, thread, 0);
            if (previous == 0 || !i.Unlazy(previous, thread))
            {
                return previous;
            }
        }
    }

    /// <summary>Drops a lazy hold before the owner word moves into an adapter cell (while the instantiation is built).</summary>
    private void DropLazyHold()
    {
        if (_lazy is { } claim && !claim.Active && _owner == claim.Thread)
        {
            _lazy = null;
            _owner = 0;
        }
    }
}
