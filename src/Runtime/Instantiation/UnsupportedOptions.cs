using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// Canonical options the runtime cannot run, refused when instantiation starts, before any guest code runs. The
/// <c>gc</c> option (with <c>core-type</c>) passes values as GC references instead of through linear memory; the
/// runtime lifts and lowers through linear memory only, and Wasmtime's core API gives the host no way to build or
/// read GC structs and arrays.
/// </summary>
internal static class UnsupportedOptions
{
    /// <summary>Throws <see cref="ComponentLinkException"/> naming the first definition, at any depth, that uses such an option.</summary>
    public static void Check(ComponentDefinition component)
    {
        foreach (var item in component.Items)
        {
            var options = item switch
            {
                CanonLiftItem lift => lift.Options,
                CanonLowerItem lower => lower.Options,
                CanonBuiltinItem builtin => builtin.Options,
                _ => null,
            };
            if (options is { Gc: true } or { CoreTypeIndex: not null })
            {
                var option = options.Gc ? "gc" : "core-type";
                throw new ComponentLinkException(
                    $"{item.Describe()} (at offset 0x{item.Offset:x}) uses the '{option}' canonical option (values as GC references, without linear memory), " +
                    "which this runtime cannot run: it lifts and lowers through linear memory only");
            }

            if (item is NestedComponentItem nested)
            {
                Check(nested.Component);
            }
        }
    }
}
