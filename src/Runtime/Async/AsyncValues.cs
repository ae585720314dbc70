using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Instantiation;
using WitBindgen.Runtime.State;

namespace WitBindgen.Runtime.Async;

/// <summary>
/// Streams and futures as values (CanonicalABI.md <c>lift_stream</c>, <c>lift_future</c>, <c>lower_stream</c>,
/// <c>lower_future</c>): lifting moves an idle readable end out of the instance's table, lowering puts a new readable
/// end of the same stream or future into the receiving instance's table.
/// </summary>
internal static class AsyncValues
{
    /// <summary>Whether a function type passes streams or futures (anywhere in its parameters or result).</summary>
    public static bool Contains(AbiFunctionType type) => type.Parameters.Any(Contains) || type.Results.Any(Contains);

    private static bool Contains(AbiType type) => type switch
    {
        AbiAsyncValueType => true,
        AbiListType list => Contains(list.Element),
        AbiFixedListType list => Contains(list.Element),
        AbiOptionType option => Contains(option.Payload),
        AbiResultType result => (result.Ok is { } ok && Contains(ok)) || (result.Error is { } error && Contains(error)),
        AbiProductType product => product.FieldTypes.Any(Contains),
        AbiSumType sum => Enumerable.Range(0, sum.CaseCount).Any(i => sum.GetCasePayload(i) is { } payload && Contains(payload)),
        _ => false,
    };

    public static WitValue Lift(AbiContext cx, AbiAsyncValueType type, uint index)
    {
        var instance = Instance(cx);
        var kind = type.IsStream ? "stream" : "future";
        if (instance.Handles.GetElement((int)index) is not CopyEnd { Readable: true } end || end.Shared.IsStream != type.IsStream)
        {
            throw new ComponentTrapException($"handle {index} is not the readable end of a {kind}");
        }

        if (!SameElement(end.Shared.Element, type.Element))
        {
            throw new ComponentTrapException($"the {kind} end {index} has another element type than {type}");
        }

        if (end.State != CopyState.Idle)
        {
            throw new ComponentTrapException($"cannot transfer the {kind} end {index}: it is {(end.State == CopyState.Done ? "done" : "copying")}");
        }

        if (end.Set is not null)
        {
            throw new ComponentTrapException($"cannot transfer the {kind} end {index}: it is in a waitable set");
        }

        instance.Handles.RemoveElement((int)index);
        return WitValue.Handle(end.Shared);
    }

    /// <summary>Whether two element types (null: none) are equal.</summary>
    public static bool SameElement(AbiType? a, AbiType? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => Linking.LinkTypeCheck.Value(x, y) is null,
        _ => false,
    };

    public static uint Lower(AbiContext cx, AbiAsyncValueType type, WitValue value)
    {
        if (value.AsHandle() is not SharedCopy shared || shared.IsStream != type.IsStream)
        {
            throw new ArgumentException($"expected a {type} value lifted from a component");
        }

        return (uint)Instance(cx).Handles.AddElement(new CopyEnd(shared, readable: true));
    }

    private static InstanceState Instance(AbiContext cx) =>
        (cx.Resources as CallScope)?.Instance
        ?? throw new NotSupportedException("streams and futures move between component instances only through the runtime's dynamic calls");
}
