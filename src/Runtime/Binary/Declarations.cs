namespace WitBindgen.Runtime.Binary;

/// <summary>
/// A declaration inside a <see cref="ComponentType"/> or <see cref="InstanceType"/>:
/// <see cref="CoreTypeDeclaration"/>, <see cref="TypeDeclaration"/>, <see cref="AliasDeclaration"/>,
/// <see cref="ImportDeclaration"/> (component types only) or <see cref="ExportDeclaration"/>.
/// </summary>
internal abstract record Declaration : Definition
{
    private protected Declaration()
    {
    }
}

/// <summary>A <c>(core type ...)</c> declaration.</summary>
/// <param name="Type">The declared core type.</param>
internal sealed record CoreTypeDeclaration(CoreType Type) : Declaration
{
    /// <inheritdoc/>
    public override string Describe() => $"core type declaration {Type.Describe()}";
}

/// <summary>A <c>(type ...)</c> declaration.</summary>
/// <param name="Type">The declared type.</param>
internal sealed record TypeDeclaration(DefinedType Type) : Declaration
{
    /// <inheritdoc/>
    public override string Describe() => $"type declaration {Type.Describe()}";
}

/// <summary>An <c>(alias ...)</c> declaration.</summary>
/// <param name="Alias">What is aliased.</param>
internal sealed record AliasDeclaration(Alias Alias) : Declaration
{
    /// <inheritdoc/>
    public override string Describe() => $"{Alias.Describe()} declaration";
}

/// <summary>An <c>(import "name" externtype)</c> declaration of a component type.</summary>
/// <param name="Name">The import name and attributes.</param>
/// <param name="Type">The imported definition's type.</param>
internal sealed record ImportDeclaration(ExternName Name, ExternType Type) : Declaration
{
    /// <inheritdoc/>
    public override string Describe() => $"import declaration \"{Name.Name}\"";
}

/// <summary>An <c>(export "name" externtype)</c> declaration of a component or instance type.</summary>
/// <param name="Name">The export name and attributes.</param>
/// <param name="Type">The exported definition's type.</param>
internal sealed record ExportDeclaration(ExternName Name, ExternType Type) : Declaration
{
    /// <inheritdoc/>
    public override string Describe() => $"export declaration \"{Name.Name}\"";
}
