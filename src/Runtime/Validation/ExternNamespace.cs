using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The imports, or the exports, of one scope (a component, a component type, an instance type or an instance
/// built from inline exports), as far as they have been read: their names, which must be strongly-unique, and
/// the resource types they give a label to, which <c>[constructor]</c>, <c>[method]</c> and <c>[static]</c>
/// names of the same namespace refer to.
/// </summary>
internal sealed class ExternNamespace
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<Definition, string> _resources = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _resourceLabels = new(StringComparer.Ordinal);

    /// <summary>Creates an empty namespace.</summary>
    /// <param name="kind"><c>import</c> or <c>export</c>.</param>
    public ExternNamespace(string kind) => Kind = kind;

    /// <summary><c>import</c> or <c>export</c>.</summary>
    public string Kind { get; }

    /// <summary>Adds a (valid) name; it must be strongly-unique among the names added before.</summary>
    /// <exception cref="ComponentFormatException">The name conflicts with an earlier one.</exception>
    public void Add(string name, int offset)
    {
        var canonical = ExternNameGrammar.Canonical(name);
        if (!_names.TryAdd(canonical, name))
        {
            throw ComponentValidator.Invalid($"{Kind} name `{name}` conflicts with previous name `{_names[canonical]}`", offset);
        }
    }

    /// <summary>Records a resource type imported or exported under <paramref name="label"/>.</summary>
    /// <param name="label">The plain name of the import or export.</param>
    /// <param name="type">
    /// The import or export that introduced the resource type's new index; null when nothing can refer to that
    /// index (the export of an instance built from inline exports).
    /// </param>
    public void AddResource(string label, Definition? type)
    {
        _resourceLabels.Add(label);
        if (type is not null)
        {
            _resources[type] = label;
        }
    }

    /// <summary>Whether a resource type was imported or exported (in this namespace) under <paramref name="label"/>.</summary>
    public bool HasResource(string label) => _resourceLabels.Contains(label);

    /// <summary>The label of the resource type introduced by <paramref name="type"/>, if it was imported or exported in this namespace.</summary>
    public string? ResourceLabel(Definition? type) => type is not null && _resources.TryGetValue(type, out var label) ? label : null;
}
