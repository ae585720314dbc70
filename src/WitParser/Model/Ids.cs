namespace WitBindgen.WitParser.Model;

/// <summary>Index of a type definition in <see cref="WitResolve.Types"/>.</summary>
/// <param name="Index">The 0-based index.</param>
public readonly record struct TypeId(int Index);

/// <summary>Index of an interface in <see cref="WitResolve.Interfaces"/>.</summary>
/// <param name="Index">The 0-based index.</param>
public readonly record struct InterfaceId(int Index);

/// <summary>Index of a world in <see cref="WitResolve.Worlds"/>.</summary>
/// <param name="Index">The 0-based index.</param>
public readonly record struct WorldId(int Index);

/// <summary>Index of a package in <see cref="WitResolve.Packages"/>.</summary>
/// <param name="Index">The 0-based index.</param>
public readonly record struct PackageId(int Index);
