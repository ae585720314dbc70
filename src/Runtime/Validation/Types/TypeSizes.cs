namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// The implementation limits on value types: at most <see cref="MaxDepth"/> levels of nesting and an effective
/// size (the number of nodes of the type written out without sharing) of at most <see cref="MaxSize"/>, so that no
/// walk over a type — checking it here, converting it when instantiating, lifting a value of it — can exhaust the
/// stack or take exponential time.
/// </summary>
internal sealed class TypeSizes
{
    /// <summary>The deepest nesting of value types accepted.</summary>
    public const int MaxDepth = 100;

    /// <summary>The largest effective type size accepted.</summary>
    public const long MaxSize = 1_000_000;

    private readonly Dictionary<DefType, (long Size, int Depth)> _measured = new(ReferenceEqualityComparer.Instance);

    /// <summary>Measures a new definition (its parts were measured when they were defined) and checks the limits.</summary>
    public void Check(DefType type, int offset)
    {
        var (size, depth) = Measure(type);
        if (depth > MaxDepth)
        {
            throw ComponentValidator.Invalid($"type nesting is deeper than {MaxDepth} levels", offset);
        }

        if (size > MaxSize)
        {
            throw ComponentValidator.Invalid($"effective type size exceeds the limit of {MaxSize}", offset);
        }
    }

    private (long Size, int Depth) Measure(DefType type)
    {
        if (_measured.TryGetValue(type, out var known))
        {
            return known;
        }

        var parts = type switch
        {
            RecordDef r => r.Fields.Select(f => f.Type),
            VariantDef v => v.Cases.Select(c => c.Type).OfType<ValType>(),
            ListDef l => [l.Element],
            TupleDef t => t.Types,
            OptionDef o => [o.Type],
            ResultDef r => new[] { r.Ok, r.Error }.OfType<ValType>(),
            MapDef m => [m.Key, m.Value],
            AsyncValueDef a => a.Element is { } e ? [e] : [],
            FuncDef f => f.Parameters.Select(p => p.Type).Concat(f.Result is { } r ? [r] : []),
            _ => [],
        };
        long size = 1;
        var depth = 0;
        foreach (var part in parts)
        {
            var (partSize, partDepth) = part is RefValType reference ? Measure(reference.Id.Type) : (1, 0);
            size = Math.Min(size + partSize, MaxSize + 1);
            depth = Math.Max(depth, partDepth);
        }

        var measured = (size, depth + 1);
        _measured[type] = measured;
        return measured;
    }
}
