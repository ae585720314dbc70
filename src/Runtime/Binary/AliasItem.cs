namespace WitBindgen.Runtime.Binary;

/// <summary>An alias definition in a component.</summary>
/// <param name="Alias">What is aliased.</param>
internal sealed record AliasItem(Alias Alias) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => Alias.Describe();
}
