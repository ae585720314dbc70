using WitBindgen.Runtime.Abi;

namespace WitBindgen.Generator.Tests.Guest;

/// <summary>
/// The guest instance's handle table as the component model keeps it (CanonicalABI.md: <c>lift_own</c>,
/// <c>lift_borrow</c>, <c>lower_own</c>, <c>lower_borrow</c>, <c>canon resource.new</c>, <c>resource.rep</c>,
/// <c>resource.drop</c>), for guest code run natively: the host's side of each handle conversion (the runtime's
/// canonical ABI calls it), and the resource intrinsics the guest imports. Resources the guest implements are
/// held by the host as <see cref="GuestObject"/>s (their representation); a borrow of one lent to the guest is the
/// representation itself. What breaks the rules is recorded in <see cref="Errors"/> (a throw would cross the
/// guest's unmanaged entry points).
/// </summary>
public sealed class EmulatedHandles : IResourceHandles
{
    private readonly Dictionary<uint, Entry> _table = new();
    private readonly HashSet<string> _guestImplemented;
    private uint _next = 1;

    /// <summary>A table; <paramref name="guestImplemented"/> names the resources the guest implements.</summary>
    public EmulatedHandles(params string[] guestImplemented) => _guestImplemented = new HashSet<string>(guestImplemented, StringComparer.Ordinal);

    /// <summary>A resource the guest implements, as the host holds it: its representation.</summary>
    /// <param name="Resource">The resource's name.</param>
    /// <param name="Rep">The representation the guest gave <c>[resource-new]</c>.</param>
    public sealed record GuestObject(string Resource, int Rep);

    private sealed record Entry(string Resource, object Value, bool Own);

    /// <summary>Calls the guest's destructor export of a resource with a representation (an owned handle was dropped).</summary>
    public Action<string, int>? Destructor { get; set; }

    /// <summary>The borrowed handles lent to the guest and not dropped yet (0 whenever an export returns).</summary>
    public int Borrows { get; private set; }

    /// <summary>The handles in the guest's table.</summary>
    public int Count => _table.Count;

    /// <summary>The host resources whose owned handle the guest dropped, in order.</summary>
    public List<object> Dropped { get; } = new();

    /// <summary>Every rule broken.</summary>
    public List<string> Errors { get; } = new();

    /// <summary>Every intrinsic call, as <c>module#name(argument)</c>.</summary>
    public List<string> Intrinsics { get; } = new();

    private bool GuestImplements(object resource) => resource is string name && _guestImplemented.Contains(name);

    private uint Add(Entry entry)
    {
        var handle = _next++;
        _table[handle] = entry;
        return handle;
    }

    private Entry? Get(uint handle, object resource, bool remove)
    {
        if (!_table.TryGetValue(handle, out var entry))
        {
            Errors.Add($"handle {handle} is not in the table");
            return null;
        }

        if (!Equals(entry.Resource, resource))
        {
            Errors.Add($"handle {handle} is a {entry.Resource}, not a {resource}");
            return null;
        }

        if (remove)
        {
            _table.Remove(handle);
        }

        return entry;
    }

    private object Value(Entry entry) => GuestImplements(entry.Resource) ? new GuestObject(entry.Resource, (int)entry.Value) : entry.Value;

    /// <inheritdoc />
    public object LiftOwn(AbiOwnType type, uint handle)
    {
        var entry = Get(handle, type.Resource, remove: true);
        if (entry is null)
        {
            return "<invalid>";
        }

        if (!entry.Own)
        {
            Errors.Add($"handle {handle} is a borrow, lifted as own");
        }

        return Value(entry);
    }

    /// <inheritdoc />
    public object LiftBorrow(AbiBorrowType type, uint handle) => Get(handle, type.Resource, remove: false) is { } entry ? Value(entry) : "<invalid>";

    /// <inheritdoc />
    public uint LowerOwn(AbiOwnType type, object resource) =>
        Add(new Entry((string)type.Resource, resource is GuestObject g ? g.Rep : resource, Own: true));

    /// <inheritdoc />
    public uint LowerBorrow(AbiBorrowType type, object resource)
    {
        if (resource is GuestObject g)
        {
            // lower_borrow: the implementation receives the representation itself.
            return (uint)g.Rep;
        }

        Borrows++;
        return Add(new Entry((string)type.Resource, resource, Own: false));
    }

    /// <summary>
    /// Runs a resource intrinsic the guest imports (<c>[resource-new]r</c>, <c>[resource-rep]r</c> from
    /// <c>[export]</c> modules, <c>[resource-drop]r</c> from either); false for any other import.
    /// </summary>
    public bool TryIntrinsic(string module, string name, ulong[] arguments, out ulong result)
    {
        result = 0;
        var close = name.IndexOf(']');
        var kind = close < 0 ? string.Empty : name.Substring(0, close + 1);
        if (kind is not ("[resource-new]" or "[resource-rep]" or "[resource-drop]"))
        {
            return false;
        }

        var resource = name.Substring(close + 1);
        var argument = (uint)arguments[0];
        Intrinsics.Add($"{module}#{name}({argument})");
        var exported = module.StartsWith("[export]", StringComparison.Ordinal);
        if (exported != _guestImplemented.Contains(resource))
        {
            Errors.Add($"{module}#{name}: the intrinsics of a resource come from [export] modules exactly when the guest implements it");
        }

        switch (kind)
        {
            case "[resource-new]":
                result = Add(new Entry(resource, (int)argument, Own: true));
                break;
            case "[resource-rep]":
                result = Get(argument, resource, remove: false) is { } held ? (uint)(int)held.Value : 0;
                break;
            default:
                if (Get(argument, resource, remove: true) is not { } dropped)
                {
                    break;
                }

                if (!dropped.Own)
                {
                    Borrows--;
                }
                else if (exported)
                {
                    Destructor?.Invoke(resource, (int)dropped.Value);
                }
                else
                {
                    Dropped.Add(dropped.Value);
                }

                break;
        }

        return true;
    }
}
