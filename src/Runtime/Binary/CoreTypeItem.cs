namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A core type definition in a component: <c>(core type ...)</c>. A recursion group adds one core type
/// index per member.
/// </summary>
/// <param name="Type">The defined core type.</param>
internal sealed record CoreTypeItem(CoreType Type) : ComponentItem
{
    /// <inheritdoc/>
    public override string Describe() => $"core type {Type.Describe()}";
}
