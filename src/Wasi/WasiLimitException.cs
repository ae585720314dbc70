namespace WitBindgen.Wasi;

/// <summary>Raised inside the host when a guest reaches one of its <see cref="WasiLimits"/>; never leaves a WASI call as is.</summary>
internal sealed class WasiLimitException : Exception
{
    public WasiLimitException(string message)
        : base(message)
    {
    }
}
