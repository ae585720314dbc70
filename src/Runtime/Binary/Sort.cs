namespace WitBindgen.Runtime.Binary;

/// <summary>
/// The 13 sorts of the component model; each sort is also an index space of a component (or of a
/// component or instance type).
/// </summary>
internal enum Sort
{
    /// <summary><c>core func</c>.</summary>
    CoreFunction,

    /// <summary><c>core table</c>.</summary>
    CoreTable,

    /// <summary><c>core memory</c>.</summary>
    CoreMemory,

    /// <summary><c>core global</c>.</summary>
    CoreGlobal,

    /// <summary><c>core tag</c>.</summary>
    CoreTag,

    /// <summary><c>core type</c>.</summary>
    CoreType,

    /// <summary><c>core module</c>.</summary>
    CoreModule,

    /// <summary><c>core instance</c>.</summary>
    CoreInstance,

    /// <summary><c>func</c> (component functions).</summary>
    Function,

    /// <summary><c>value</c>.</summary>
    Value,

    /// <summary><c>type</c> (component types).</summary>
    Type,

    /// <summary><c>component</c>.</summary>
    Component,

    /// <summary><c>instance</c> (component instances).</summary>
    Instance,
}

/// <summary>Helpers for <see cref="Sort"/>.</summary>
internal static class SortExtensions
{
    /// <summary>The number of sorts (and so of index spaces).</summary>
    public const int Count = 13;

    /// <summary>Whether the sort is one of the core sorts.</summary>
    public static bool IsCore(this Sort sort) => sort <= Sort.CoreInstance;

    /// <summary>The sort as written in the text format, e.g. <c>core memory</c> or <c>func</c>.</summary>
    public static string ToText(this Sort sort) => sort switch
    {
        Sort.CoreFunction => "core func",
        Sort.CoreTable => "core table",
        Sort.CoreMemory => "core memory",
        Sort.CoreGlobal => "core global",
        Sort.CoreTag => "core tag",
        Sort.CoreType => "core type",
        Sort.CoreModule => "core module",
        Sort.CoreInstance => "core instance",
        Sort.Function => "func",
        Sort.Value => "value",
        Sort.Type => "type",
        Sort.Component => "component",
        Sort.Instance => "instance",
        _ => sort.ToString(),
    };
}
