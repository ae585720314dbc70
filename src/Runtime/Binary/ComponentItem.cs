namespace WitBindgen.Runtime.Binary;

/// <summary>
/// One definition of a component, in source order. The hierarchy is closed: it is one of
/// <see cref="CoreModuleItem"/>, <see cref="CoreInstantiationItem"/>, <see cref="CoreInlineInstanceItem"/>,
/// <see cref="CoreTypeItem"/>, <see cref="NestedComponentItem"/>, <see cref="InstantiationItem"/>,
/// <see cref="InlineInstanceItem"/>, <see cref="AliasItem"/>, <see cref="TypeItem"/>, a
/// <see cref="CanonItem"/>, <see cref="StartItem"/>, <see cref="ImportItem"/>, <see cref="ExportItem"/>
/// or <see cref="ValueItem"/>.
/// </summary>
internal abstract record ComponentItem : Definition
{
    private protected ComponentItem()
    {
    }
}
