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
    /// <summary>Whether a function type passes streams, futures or error contexts (anywhere in its parameters or result).</summary>
    public static bool Contains(AbiFunctionType type) => type.Parameters.Any(Contains) || type.Results.Any(Contains);

    private static bool Contains(AbiType type) => type switch
    {
        AbiAsyncValueType or { Kind: AbiTypeKind.ErrorContext } => true,
        AbiListType list => Contains(list.Element),
        AbiFixedListType list => Contains(list.Element),
        AbiOptionType option => Contains(option.Payload),
        AbiResultType result => (result.Ok is { } ok && Contains(ok)) || (result.Error is { } error && Contains(error)),
        AbiProductType product => product.FieldTypes.Any(Contains),
        AbiSumType sum => Enumerable.Range(0, sum.CaseCount).Any(i => sum.GetCasePayload(i) is { } payload && Contains(payload)),
        _ => false,
    };

    public static WitValue Lift(AbiContext cx, AbiAsyncValueType type, uint index) =>
        WitValue.Handle(LiftShared(cx, type.IsStream, type.Element, index));

    /// <summary>Moves the readable end at <paramref name="index"/> out of the instance's table.</summary>
    public static SharedCopy LiftShared(AbiContext cx, bool isStream, AbiType? element, uint index)
    {
        var instance = Instance(cx);
        var kind = isStream ? "stream" : "future";
        if (instance.Handles.GetElement((int)index) is not CopyEnd { Readable: true } end || end.Shared.IsStream != isStream)
        {
            throw new ComponentTrapException($"handle {index} is not the readable end of a {kind}");
        }

        if (!SameElement(end.Shared.Element, element))
        {
            throw new ComponentTrapException($"the {kind} end {index} has another element type than {kind}<{element}>");
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
        return end.Shared;
    }

    /// <summary>
    /// Whether two element types (null: none) are equal: as link checks compare them, or of the same shape when they hold
    /// no handles (a host codec's record names its fields as C# does).
    /// </summary>
    public static bool SameElement(AbiType? a, AbiType? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => Linking.LinkTypeCheck.Value(x, y) is null || (AbiTypeMatch.FirstDifference(x, y) is null && !AbiTypes.ContainsHandles(x)),
        _ => false,
    };

    public static uint Lower(AbiContext cx, AbiAsyncValueType type, WitValue value)
    {
        if (value.AsHandle() is not SharedCopy shared || shared.IsStream != type.IsStream || !SameElement(shared.Element, type.Element))
        {
            throw new ArgumentException($"expected a {type} value lifted from a component");
        }

        return LowerShared(cx, shared);
    }

    /// <summary>Adds a new readable end of <paramref name="shared"/> to the instance's table and binds it to the instance's loop.</summary>
    public static uint LowerShared(AbiContext cx, SharedCopy shared)
    {
        var instance = Instance(cx);
        shared.Bind(AsyncScheduler.For(instance));
        return (uint)instance.Handles.AddElement(new CopyEnd(shared, readable: true));
    }

    /// <summary>
    /// CanonicalABI.md <c>lift_error_context</c>: the error context at <paramref name="index"/>, which stays in the
    /// instance's table (an error context is shared, not moved).
    /// </summary>
    public static ErrorContext LiftErrorContext(AbiContext cx, uint index) =>
        Instance(cx).Handles.GetElement((int)index) as ErrorContext
        ?? throw new ComponentTrapException($"handle {index} is not an error context");

    /// <summary>CanonicalABI.md <c>lower_error_context</c>: adds the error context to the receiving instance's table.</summary>
    public static uint LowerErrorContext(AbiContext cx, ErrorContext context) =>
        (uint)Instance(cx).Handles.AddElement(context ?? throw new ArgumentNullException(nameof(context)));

    /// <summary><see cref="LowerErrorContext(AbiContext, ErrorContext)"/> of a dynamic value.</summary>
    public static uint LowerErrorContext(AbiContext cx, WitValue value) =>
        LowerErrorContext(cx, value.AsHandle() as ErrorContext ?? throw new ArgumentException($"expected an {nameof(ErrorContext)} for an error-context value"));

    private static InstanceState Instance(AbiContext cx) =>
        (cx.Resources as CallScope)?.Instance
        ?? throw new NotSupportedException("streams, futures and error contexts move between component instances only through the runtime's dynamic calls");
}
