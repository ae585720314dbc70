using WitBindgen.Runtime;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Validation;

namespace WitBindgen.Composition;

/// <summary>
/// Writes a <see cref="CompositionPlan"/> as one standard component binary (Binary.md): each package's component
/// embedded once as a nested component, the plan's imports as imports of the composed component (typed with the
/// importing package's own types), one instantiation per planned instance with its arguments (exports of earlier
/// instances reached through aliases, or the composition's imports), and the plan's exports. The result is validated
/// with the runtime's validator before it is returned, so an argument whose type does not match its import is refused
/// here, naming the instance.
/// </summary>
public static class CompositionEncoder
{
    /// <summary>Encodes <paramref name="plan"/>, reading each package's component from its <see cref="ComposedPackage.ComponentPath"/>.</summary>
    /// <param name="plan">A resolved plan (<see cref="WacComposition"/>).</param>
    /// <returns>The composed component's binary.</returns>
    /// <exception cref="CompositionEncodingException">
    /// The plan cannot be encoded (a package's import type uses something the encoder does not copy), or the composed
    /// component is invalid (an argument's type does not match the import it satisfies).
    /// </exception>
    /// <exception cref="IOException">A package's component file cannot be read.</exception>
    /// <exception cref="ComponentFormatException">A package's component is malformed.</exception>
    public static byte[] Encode(CompositionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var components = plan.Packages.ToDictionary(p => p.ComponentPath, p => File.ReadAllBytes(p.ComponentPath), StringComparer.Ordinal);
        return Encode(plan, path => components[path]);
    }

    /// <summary>Encodes <paramref name="plan"/> with the component binaries given by <paramref name="componentBytes"/> (by component path).</summary>
    internal static byte[] Encode(CompositionPlan plan, Func<string, byte[]> componentBytes)
    {
        var writer = new Encoder.CompositionWriter(plan, componentBytes);
        var bytes = writer.Write();
        try
        {
            ComponentValidator.Validate(ComponentReader.Read(bytes));
        }
        catch (ComponentFormatException e)
        {
            var site = writer.Builder.SiteAt(e.Offset);
            var message = site is null
                ? $"the composed component is invalid: {e.Reason}"
                : $"{site.Description}: the composed component is invalid: {e.Reason}";
            throw new CompositionEncodingException(message, site?.Location, e);
        }

        return bytes;
    }
}
