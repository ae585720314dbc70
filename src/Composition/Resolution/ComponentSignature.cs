using System.Collections.Immutable;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Validation;

namespace WitBindgen.Composition;

/// <summary>The imports and exports of a component binary, read with the runtime's binary reader and validator.</summary>
internal sealed record ComponentSignature(ImmutableArray<PackageItem> Imports, ImmutableArray<PackageItem> Exports)
{
    /// <summary>Reads and validates a component (nothing is compiled or instantiated).</summary>
    /// <exception cref="WitBindgen.Runtime.ComponentFormatException">The bytes are not a valid component.</exception>
    public static ComponentSignature Read(ReadOnlyMemory<byte> bytes)
    {
        var definition = ComponentReader.Read(bytes);
        ComponentValidator.Validate(definition);
        return new ComponentSignature(
            definition.Imports.Select(i => new PackageItem(i.Name.Name, KindOf(i.Type.Sort))).ToImmutableArray(),
            definition.Exports.Select(e => new PackageItem(e.Name.Name, KindOf(e.Sort))).ToImmutableArray());
    }

    private static PackageItemKind KindOf(Sort sort) => sort switch
    {
        Sort.Function => PackageItemKind.Function,
        Sort.Instance => PackageItemKind.Instance,
        Sort.Type => PackageItemKind.Type,
        Sort.Component => PackageItemKind.Component,
        Sort.Value => PackageItemKind.Value,
        _ => PackageItemKind.Module,
    };
}
