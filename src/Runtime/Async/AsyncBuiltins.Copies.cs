using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.Linking;
using WitBindgen.Runtime.State;
using static WitBindgen.Runtime.Abi.CoreValueType;

namespace WitBindgen.Runtime.Async;

/// <summary>The stream, future and error-context built-ins (CanonicalABI.md <c>canon stream.*</c>, <c>future.*</c>, <c>error-context.*</c>).</summary>
internal static partial class AsyncBuiltins
{
    private static Function? CreateCopy(Store store, Definition d, AsyncScheduler scheduler)
    {
        var item = d.Item;
        var instance = d.Instance;
        var name = item.Name;
        return item.Kind switch
        {
            CanonBuiltinKind.StreamNew => BuiltinBody.Create(store, name, instance, [], [I64], s => s[0] = RawValue.FromI64(New(d, isStream: true))),
            CanonBuiltinKind.FutureNew => BuiltinBody.Create(store, name, instance, [], [I64], s => s[0] = RawValue.FromI64(New(d, isStream: false))),
            CanonBuiltinKind.StreamRead or CanonBuiltinKind.StreamWrite => BuiltinBody.Create(store, name, instance, [I32, I32, I32], [I32], s =>
                s[0] = RawValue.FromU32(Copy(d, scheduler, isStream: true, isWrite: item.Kind == CanonBuiltinKind.StreamWrite, s[0].I32, s[1].U32, s[2].U32))),
            CanonBuiltinKind.FutureRead or CanonBuiltinKind.FutureWrite => BuiltinBody.Create(store, name, instance, [I32, I32], [I32], s =>
                s[0] = RawValue.FromU32(Copy(d, scheduler, isStream: false, isWrite: item.Kind == CanonBuiltinKind.FutureWrite, s[0].I32, s[1].U32, 1))),
            CanonBuiltinKind.StreamCancelRead or CanonBuiltinKind.StreamCancelWrite or CanonBuiltinKind.FutureCancelRead or CanonBuiltinKind.FutureCancelWrite =>
                BuiltinBody.Create(store, name, instance, [I32], [I32], s => s[0] = RawValue.FromU32(CancelCopy(d, scheduler, s[0].I32))),
            CanonBuiltinKind.StreamDropReadable or CanonBuiltinKind.StreamDropWritable or CanonBuiltinKind.FutureDropReadable or CanonBuiltinKind.FutureDropWritable =>
                BuiltinBody.Create(store, name, instance, [I32], [], s => DropEnd(d, s[0].I32)),
            CanonBuiltinKind.ErrorContextNew => BuiltinBody.Create(store, name, instance, [I32, I32], [I32], s => s[0] = RawValue.FromI32(NewErrorContext(d, s[0].U32, s[1].U32))),
            CanonBuiltinKind.ErrorContextDebugMessage => BuiltinBody.Create(store, name, instance, [I32, I32], [], s => DebugMessage(d, s[0].I32, s[1].U32)),
            CanonBuiltinKind.ErrorContextDrop => BuiltinBody.Create(store, name, instance, [I32], [], s => DropErrorContext(instance, s[0].I32)),
            _ => CreateThread(store, d, scheduler),
        };
    }

    private static bool IsStream(CanonBuiltinKind kind) => kind.ToText().StartsWith("stream.", StringComparison.Ordinal);

    private static bool IsReadSide(CanonBuiltinKind kind) => kind is CanonBuiltinKind.StreamRead or CanonBuiltinKind.FutureRead
        or CanonBuiltinKind.StreamCancelRead or CanonBuiltinKind.FutureCancelRead or CanonBuiltinKind.StreamDropReadable or CanonBuiltinKind.FutureDropReadable;

    private static long New(Definition d, bool isStream)
    {
        var shared = new SharedCopy(isStream, d.Element);
        shared.Bind(AsyncScheduler.For(d.Instance));
        long readable = d.Instance.Handles.AddElement(new CopyEnd(shared, readable: true));
        long writable = d.Instance.Handles.AddElement(new CopyEnd(shared, readable: false));
        return readable | (writable << 32);
    }

    /// <summary>The end at <paramref name="index"/>, checked to be the end, kind and element type the built-in is for.</summary>
    private static CopyEnd End(Definition d, int index, bool remove = false)
    {
        var element = remove ? d.Instance.Handles.RemoveElement(index) : d.Instance.Handles.GetElement(index);
        var isStream = IsStream(d.Item.Kind);
        var readable = IsReadSide(d.Item.Kind);
        var expected = $"{(readable ? "readable" : "writable")} {(isStream ? "stream" : "future")} end";
        if (element is not CopyEnd end || end.Readable != readable || end.Shared.IsStream != isStream)
        {
            throw new ComponentTrapException($"handle {index} is not a {expected}");
        }

        if (!SameElement(end.Shared.Element, d.Element))
        {
            throw new ComponentTrapException($"handle {index} is a {expected} of another element type");
        }

        return end;
    }

    private static bool SameElement(AbiType? a, AbiType? b) => AsyncValues.SameElement(a, b);

    /// <summary><c>stream_copy</c> and <c>future_copy</c>: returns the packed progress, or <c>BLOCKED</c>.</summary>
    private static uint Copy(Definition d, AsyncScheduler scheduler, bool isStream, bool isWrite, int index, uint pointer, uint length)
    {
        var isAsync = d.Item.IsAsync || d.Item.Options is { IsAsync: true };
        if (!isAsync)
        {
            CheckMayBlock(scheduler, d.Instance, d.Item.Name);
        }

        var end = End(d, index);
        if (end.State == CopyState.Done)
        {
            throw new ComponentTrapException($"cannot {(isWrite ? "write to" : "read from")} a {end.Describe()} after it is done (the other end was dropped{(isStream ? string.Empty : " or the value was delivered")})");
        }

        if (end.State != CopyState.Idle)
        {
            throw new ComponentTrapException($"cannot start a copy on a {end.Describe()} that is already copying");
        }

        if (end.Set is not null && !isAsync)
        {
            throw new ComponentTrapException($"cannot synchronously copy on a {end.Describe()} that is in a waitable set");
        }

        var cx = d.Options is { } options ? options.Context(new CallScope(d.Instance)) : new AbiContext();
        var buffer = new GuestCopyBuffer(d.Element, cx, pointer, length);
        var code = isStream ? (isWrite ? EventCode.StreamWrite : EventCode.StreamRead) : (isWrite ? EventCode.FutureWrite : EventCode.FutureRead);

        AsyncAbi.Event StreamEvent(CopyResult result, Action reclaim)
        {
            reclaim();

            // A copy cancelled after it made progress reports the progress as cancelled (as the reference tests expect).
            if (result == CopyResult.Completed && end.State == CopyState.CancellingCopy)
            {
                result = CopyResult.Cancelled;
            }

            end.State = result == CopyResult.Dropped ? CopyState.Done : CopyState.Idle;
            return new AsyncAbi.Event(code, index, (int)result | (int)(buffer.Progress << 4));
        }

        AsyncAbi.Event FutureEvent(CopyResult result)
        {
            end.State = result is CopyResult.Dropped or CopyResult.Completed ? CopyState.Done : CopyState.Idle;
            return new AsyncAbi.Event(code, index, (int)result);
        }

        end.State = CopyState.Copying;
        if (isStream)
        {
            end.Shared.StreamCopy(
                d.Instance,
                buffer,
                isWrite,
                reclaim => end.SetPendingEvent(() => StreamEvent(CopyResult.Completed, reclaim)),
                result => end.SetPendingEvent(() => StreamEvent(result, static () => { })));
        }
        else
        {
            end.Shared.FutureCopy(d.Instance, buffer, isWrite, result => end.SetPendingEvent(() => FutureEvent(result)));
        }

        return Finish(d, scheduler, end, isAsync, $"a synchronous {d.Item.Name}");
    }

    /// <summary>Returns the end's event payload, waiting for it when the built-in is synchronous, else <c>BLOCKED</c>.</summary>
    private static uint Finish(Definition d, AsyncScheduler scheduler, CopyEnd end, bool isAsync, string what)
    {
        if (!end.HasPendingEvent)
        {
            if (isAsync)
            {
                return AsyncAbi.Blocked;
            }

            end.HasSyncWaiter = true;
            try
            {
                scheduler.Block(d.Instance, scheduler.CurrentIn(d.Instance), () => end.HasPendingEvent, what);
            }
            finally
            {
                end.HasSyncWaiter = false;
            }
        }

        return (uint)end.TakePendingEvent().Payload;
    }

    private static uint CancelCopy(Definition d, AsyncScheduler scheduler, int index)
    {
        var isAsync = d.Item.IsAsync || d.Item.Options is { IsAsync: true };
        if (!isAsync)
        {
            CheckMayBlock(scheduler, d.Instance, d.Item.Name);
        }

        var end = End(d, index);
        if (end.State != CopyState.Copying || end.HasSyncWaiter)
        {
            throw new ComponentTrapException($"cannot cancel: no asynchronous copy is in progress on the {end.Describe()}");
        }

        if (end.Set is not null && !isAsync)
        {
            throw new ComponentTrapException($"cannot synchronously cancel a copy on a {end.Describe()} that is in a waitable set");
        }

        end.State = CopyState.CancellingCopy;
        if (!end.HasPendingEvent)
        {
            end.Shared.Cancel();
        }

        return Finish(d, scheduler, end, isAsync, $"a synchronous {d.Item.Name}");
    }

    private static void DropEnd(Definition d, int index)
    {
        var end = End(d, index);
        end.Drop();
        d.Instance.Handles.RemoveElement(index);
    }

    private static int NewErrorContext(Definition d, uint pointer, uint length)
    {
        var cx = d.Options!.Context(null);
        var message = CanonicalAbi.LoadStringValue(cx, cx.GetMemory(), pointer, length);
        return d.Instance.Handles.AddElement(new ErrorContext(message.AsString()));
    }

    private static void DebugMessage(Definition d, int index, uint pointer)
    {
        var context = d.Instance.Handles.GetElement(index) as ErrorContext
            ?? throw new ComponentTrapException($"handle {index} is not an error context");
        var cx = d.Options!.Context(null);
        CanonicalAbi.Store(cx, AbiType.String, WitValue.String(context.DebugMessage), pointer);
    }

    private static void DropErrorContext(InstanceState instance, int index)
    {
        if (instance.Handles.GetElement(index) is not ErrorContext)
        {
            throw new ComponentTrapException($"handle {index} is not an error context");
        }

        instance.Handles.RemoveElement(index);
    }
}
