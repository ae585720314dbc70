namespace WitBindgen.Runtime.Validation.Types;

/// <summary>
/// What an expected type's own imports stand for on the actual side, found while checking subtyping: when a
/// component is instantiated, each of its type imports (and the types exported by its imported instances) is bound
/// to the type the argument supplies on first use, abstract resource identities along with them. Every other type
/// must be equal on both sides.
/// </summary>
internal sealed class Bindings
{
    private readonly Dictionary<TypeId, TypeId> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ResourceIdentity, ResourceIdentity> _resources = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<TypeId> _bindableIds;
    private readonly HashSet<ResourceIdentity> _bindableResources;

    public Bindings(IEnumerable<TypeId>? bindableIds = null, IEnumerable<ResourceIdentity>? bindableResources = null)
    {
        _bindableIds = new HashSet<TypeId>(bindableIds ?? [], ReferenceEqualityComparer.Instance);
        _bindableResources = new HashSet<ResourceIdentity>(bindableResources ?? [], ReferenceEqualityComparer.Instance);
    }

    /// <summary>Pairs of definitions already found equal (so a type built by sharing is compared once, not once per path).</summary>
    public HashSet<(DefType Actual, DefType Expected)> Equal { get; } = new();

    /// <summary>The type ids bound so far.</summary>
    public IReadOnlyDictionary<TypeId, TypeId> Ids => _ids;

    /// <summary>The resource identities bound so far.</summary>
    public IReadOnlyDictionary<ResourceIdentity, ResourceIdentity> Resources => _resources;

    public bool IsEmpty => _ids.Count == 0 && _resources.Count == 0;

    /// <summary>What an expected identity stands for on the actual side.</summary>
    public ResourceIdentity Resolve(ResourceIdentity expected) => _resources.TryGetValue(expected, out var actual) ? actual : expected;

    /// <summary>Binds an expected type id that may be bound and is not yet (with its resource identity, for a resource).</summary>
    public void TryBind(TypeId expected, TypeId actual)
    {
        if (_bindableIds.Contains(expected) && _ids.TryAdd(expected, actual)
            && expected.Type is ResourceDef e && actual.Type is ResourceDef a)
        {
            TryBind(e.Identity, a.Identity);
        }
    }

    /// <summary>Binds an abstract identity of the expected side, when it may be bound and is not yet.</summary>
    public bool TryBind(ResourceIdentity expected, ResourceIdentity actual) =>
        _bindableResources.Contains(expected) && _resources.TryAdd(expected, actual);

    /// <summary>Binds an identity whatever it was (the fresh identities of an instantiation's results).</summary>
    public void Bind(ResourceIdentity from, ResourceIdentity to) => _resources[from] = to;
}
