namespace WitBindgen.Runtime.Abi;

/// <summary><c>result&lt;T, E&gt;</c>: the variant <c>ok(T?) | error(E?)</c>.</summary>
public sealed class AbiResultType : AbiSumType
{
    internal AbiResultType(AbiType? ok, AbiType? error)
        : base(AbiTypeKind.Result, 2, [ok, error])
    {
        Ok = ok;
        Error = error;
    }

    /// <summary>The <c>ok</c> payload type, or null when absent.</summary>
    public AbiType? Ok { get; }

    /// <summary>The <c>error</c> payload type, or null when absent.</summary>
    public AbiType? Error { get; }

    /// <inheritdoc/>
    public override string ToString() => $"result<{(object?)Ok ?? "_"}, {(object?)Error ?? "_"}>";
}
