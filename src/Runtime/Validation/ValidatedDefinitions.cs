using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The components this process has read and validated, by the SHA-256 of their bytes, shared by every runtime: a
/// component binary loaded again (by a fresh <see cref="ComponentRuntime"/> reading the on-disk cache, or the same
/// runtime loading it twice) is neither decoded nor validated again, and its instantiations share the per-definition
/// plans (<see cref="Instantiation.FramePlan"/>, <see cref="Instantiation.SharedAbiTypes"/>) with the earlier loads.
/// Decoding and validation depend only on the bytes, so the definition found is the one a new read would give. The
/// entries are weak: a definition no loaded component uses any more is collected, and read again when next loaded.
/// A definition read here keeps core modules as slices of a private copy of the bytes, so a caller that reuses its
/// buffer after loading changes nothing a later load finds.
/// </summary>
internal static class ValidatedDefinitions
{
    private static readonly Dictionary<string, WeakReference<ComponentDefinition>> Definitions = new(StringComparer.Ordinal);

    /// <summary>How many entries the table may hold before the entries of collected definitions are removed.</summary>
    private static int _sweepAt = 64;

    /// <summary>The validated definition of <paramref name="bytes"/>: one read and validated earlier, or read and validated now.</summary>
    /// <exception cref="ComponentFormatException">The binary is malformed, or the component is invalid.</exception>
    public static ComponentDefinition Get(ReadOnlyMemory<byte> bytes)
    {
        var key = ComponentRuntime.ContentKey(bytes);
        lock (Definitions)
        {
            if (Definitions.TryGetValue(key, out var entry) && entry.TryGetTarget(out var known))
            {
                return known;
            }
        }

        var definition = ComponentReader.Read(bytes.ToArray());
        ComponentValidator.Validate(definition);
        lock (Definitions)
        {
            if (Definitions.TryGetValue(key, out var entry) && entry.TryGetTarget(out var raced))
            {
                return raced;
            }

            Definitions[key] = new WeakReference<ComponentDefinition>(definition);
            if (Definitions.Count >= _sweepAt)
            {
                foreach (var (name, weak) in Definitions.ToArray())
                {
                    if (!weak.TryGetTarget(out _))
                    {
                        Definitions.Remove(name);
                    }
                }

                _sweepAt = Math.Max(64, 2 * Definitions.Count);
            }
        }

        return definition;
    }
}
