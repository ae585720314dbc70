namespace WitBindgen.Composition.Resolution;

/// <summary>What a WAC expression evaluates to during resolution.</summary>
internal abstract record ResolvedValue;

/// <summary>An instance created by a <c>new</c> expression (its package may have failed to resolve).</summary>
internal sealed record InstanceValue(InstanceBuilder Instance) : ResolvedValue;

/// <summary>An export of an instance.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="Item">The export.</param>
/// <param name="Text">The expression as written, for messages.</param>
internal sealed record ItemValue(InstanceBuilder Instance, PackageItem Item, string Text) : ResolvedValue;

/// <summary>An expression whose error was already reported (or that depends on one), so nothing more is said about it.</summary>
internal sealed record ErrorValue : ResolvedValue
{
    public static ErrorValue Instance { get; } = new();
}
