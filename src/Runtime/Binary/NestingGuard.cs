namespace WitBindgen.Runtime.Binary;

/// <summary>Limits how deeply components and component, instance and module types may nest.</summary>
internal static class NestingGuard
{
    /// <summary>The deepest nesting accepted.</summary>
    public const int MaxDepth = 100;

    public static void Check(WasmReader r, int depth, int offset)
    {
        if (depth > MaxDepth)
        {
            throw r.Error($"components and types nest more than {MaxDepth} levels deep", offset);
        }
    }
}
