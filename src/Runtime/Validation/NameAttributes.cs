using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The rules on import and export attributes (Binary.md, "Import and Export Definitions"; each kind appears at
/// most once, which the reader checks): an <c>implements</c> attribute names a valid interface and is only on an
/// instance with a plain name; a <c>versionsuffix</c> follows an interface name whose version is a
/// <c>canonversion</c>, and the two together are a valid semver. <c>external-id</c> may be any name.
/// </summary>
internal static class NameAttributes
{
    /// <summary>Checks the attributes of one import or export.</summary>
    /// <param name="kind"><c>import</c> or <c>export</c>.</param>
    /// <param name="name">The (valid) name and its attributes.</param>
    /// <param name="sort">The sort of the import or export.</param>
    /// <param name="offset">The offset of the definition.</param>
    /// <exception cref="ComponentFormatException">A rule is broken.</exception>
    public static void Check(string kind, ExternName name, Sort sort, int offset)
    {
        var what = $"{kind} `{name.Name}`";
        if (name.Implements is { } implemented)
        {
            if (ExternNameGrammar.CheckInterfaceName(implemented) is { } error)
            {
                throw ComponentValidator.Invalid($"the `implements` attribute of {what}: `{implemented}` is not a valid interface name: {error}", offset);
            }

            if (sort != Sort.Instance)
            {
                throw ComponentValidator.Invalid($"{what} has an `implements` attribute but is not an instance (its sort is {sort.ToText()})", offset);
            }

            if (name.Kind == ExternNameKind.Interface)
            {
                throw ComponentValidator.Invalid($"{what} has an `implements` attribute but is not a plain name", offset);
            }
        }

        if (name.VersionSuffix is { } suffix)
        {
            if (name.Interface?.Version is not { } version || !SemanticVersion.IsCanonical(version))
            {
                throw ComponentValidator.Invalid(
                    $"{what} has a `versionsuffix` attribute but is not an interface name with a canonical version (such as `@1`, `@0.2` or `@0.0.3`)",
                    offset);
            }

            if (SemanticVersion.Check(version + suffix) is { } error)
            {
                throw ComponentValidator.Invalid(
                    $"the version `{version}` of {what} with its `versionsuffix` `{suffix}` is not a valid semver: {error}", offset);
            }
        }
    }
}
