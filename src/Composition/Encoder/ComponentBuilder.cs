using WitBindgen.Runtime.Binary;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Encoder;

/// <summary>
/// Writes a component definition by definition, grouping consecutive definitions of the same section id into one
/// section, and counts the component-level index spaces exactly: every definition that adds an index (a nested
/// component, an instance, an alias, a type, an import, an export) returns the index it added.
/// </summary>
internal sealed class ComponentBuilder
{
    /// <summary>The component preamble: magic, version 0x0d, layer 1.</summary>
    private static readonly byte[] Preamble = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

    private readonly ByteWriter _output = new();
    private readonly uint[] _counts = new uint[SortExtensions.Count];
    private readonly List<(int Position, EncodingSite Site)> _pendingLabels = new();
    private readonly List<(int Offset, EncodingSite Site)> _labels = new();
    private ByteWriter _items = new();
    private SectionId? _section;
    private uint _itemCount;

    public ComponentBuilder() => _output.Bytes(Preamble);

    /// <summary>The number of indices the definitions so far added to <paramref name="sort"/>'s index space.</summary>
    public uint Count(Sort sort) => _counts[(int)sort];

    /// <summary>
    /// Adds one definition to a section of <paramref name="section"/> (a vector section) and, when
    /// <paramref name="sort"/> is given, the index it adds to that sort's index space.
    /// </summary>
    /// <param name="section">The section id.</param>
    /// <param name="sort">The index space the definition adds to, or null when it adds none.</param>
    /// <param name="definition">The definition's bytes.</param>
    /// <param name="label">What the definition is for, to name it when the result fails validation.</param>
    /// <returns>The index added, or <see cref="uint.MaxValue"/> when none is.</returns>
    public uint Add(SectionId section, Sort? sort, ReadOnlySpan<byte> definition, EncodingSite? label = null)
    {
        if (_section != section)
        {
            Flush();
            _section = section;
        }

        if (label is not null)
        {
            _pendingLabels.Add((_items.Length, label));
        }

        _items.Bytes(definition);
        _itemCount++;
        return sort is { } s ? _counts[(int)s]++ : uint.MaxValue;
    }

    /// <summary>Adds a nested component (section 4, one component per section); returns its component index.</summary>
    /// <param name="component">The component's complete binary.</param>
    /// <param name="label">What the component is, to name it when the result fails validation.</param>
    public uint AddComponent(ReadOnlySpan<byte> component, EncodingSite label)
    {
        Flush();
        _output.Byte((byte)SectionId.Component).U32((uint)component.Length);
        _labels.Add((_output.Length, label));
        _output.Bytes(component);
        return _counts[(int)Sort.Component]++;
    }

    /// <summary>Finishes the component and returns its binary.</summary>
    public byte[] ToArray()
    {
        Flush();
        return _output.Written.ToArray();
    }

    /// <summary>The site of the definition that starts at or most recently before <paramref name="offset"/>, if any.</summary>
    /// <param name="offset">A byte offset in the finished binary.</param>
    public EncodingSite? SiteAt(long offset) =>
        _labels.Where(l => l.Offset <= offset).Select(l => l.Site).LastOrDefault();

    private void Flush()
    {
        if (_section is not { } section)
        {
            return;
        }

        var size = (uint)(ByteWriter.SizeOfU32(_itemCount) + _items.Length);
        _output.Byte((byte)section).U32(size).U32(_itemCount);
        var start = _output.Length;
        foreach (var (position, label) in _pendingLabels)
        {
            _labels.Add((start + position, label));
        }

        _output.Bytes(_items.Written);
        _pendingLabels.Clear();
        _items = new ByteWriter();
        _itemCount = 0;
        _section = null;
    }
}

/// <summary>What a definition of the composed component was written for, and where the composition file asks for it.</summary>
/// <param name="Description">E.g. <c>instance `mid` (`test:mid`)</c>.</param>
/// <param name="Location">The statement in the composition file, when there is one.</param>
internal sealed record EncodingSite(string Description, SourceLocation? Location = null);

/// <summary>The ids of the component binary's sections (Binary.md) that the encoder writes.</summary>
internal enum SectionId : byte
{
    /// <summary>A nested component.</summary>
    Component = 4,

    /// <summary>Component instances.</summary>
    Instance = 5,

    /// <summary>Aliases.</summary>
    Alias = 6,

    /// <summary>Type definitions.</summary>
    Type = 7,

    /// <summary>Imports.</summary>
    Import = 10,

    /// <summary>Exports.</summary>
    Export = 11,
}
