using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Resolution;

/// <summary>
/// Links packages into one <see cref="WitResolve"/>: each <see cref="UnresolvedPackage"/> is
/// appended after its dependencies, with its placeholders bound to the real items, gated items
/// dropped, implicit <c>own</c> handles made explicit, worlds' includes flattened and worlds
/// elaborated (transitively needed interfaces imported).
/// </summary>
internal sealed partial class ResolveBuilder
{
    private readonly WitResolve _resolve;
    private readonly HashSet<string> _features;
    private readonly bool _allFeatures;

    public ResolveBuilder(WitResolve resolve, IEnumerable<string> features, bool allFeatures = false)
    {
        _resolve = resolve;
        _features = new HashSet<string>(features, StringComparer.Ordinal);
        _allFeatures = allFeatures;
        resolve.Features = _features;
    }

    public WitResolve Resolve => _resolve;

    /// <summary>Appends a package whose dependencies are already present.</summary>
    public PackageId Push(UnresolvedPackage unresolved)
    {
        try
        {
            return new Remap(this, unresolved).Append();
        }
        catch (WitError e)
        {
            throw e.WithSources(unresolved.Sources);
        }
    }

    /// <summary>Whether an item with this gate is part of the package (raising errors for invalid gates).</summary>
    internal bool IncludeStability(Stability stability, PackageId pkg, TextSpan? span)
    {
        switch (stability)
        {
            case StableStability s:
            {
                var p = _resolve[pkg];
                if (p.Name.Version is not { } version)
                {
                    throw new WitError($"package [{p.Name}] contains a feature gate with a version specifier, so it must have a version", span);
                }

                if (s.Since.CompareTo(version) > 0)
                {
                    throw new WitError($"feature gate cannot reference unreleased version {s.Since} of package [{p.Name}] (current version {version})", span);
                }

                return true;
            }

            case UnstableStability u:
                return _allFeatures || _features.Contains(u.Feature);
            default:
                return true;
        }
    }

    /// <summary>The gate of a world item as used for filtering.</summary>
    internal Stability StabilityOf(WorldItem item) => item switch
    {
        WorldTypeItem t => _resolve[t.Type].Stability,
        _ => item.Stability,
    };
}
