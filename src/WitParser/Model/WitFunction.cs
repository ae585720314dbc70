using WitBindgen.WitParser.Text;

namespace WitBindgen.WitParser.Model;

/// <summary>The kinds of WIT functions.</summary>
public enum FunctionKind
{
    /// <summary>A plain function.</summary>
    Freestanding,

    /// <summary>An <c>async</c> plain function.</summary>
    AsyncFreestanding,

    /// <summary>A resource method (first parameter is <c>self: borrow&lt;R&gt;</c>).</summary>
    Method,

    /// <summary>An <c>async</c> resource method.</summary>
    AsyncMethod,

    /// <summary>A static resource function.</summary>
    Static,

    /// <summary>An <c>async</c> static resource function.</summary>
    AsyncStatic,

    /// <summary>A resource constructor.</summary>
    Constructor,
}

/// <summary>A named parameter.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">Its type.</param>
public sealed record WitParam(string Name, WitType Type);

/// <summary>A function of an interface or world, including resource methods (named <c>[method]r.f</c> etc.).</summary>
/// <param name="Name">The full name, e.g. <c>[constructor]blob</c>.</param>
/// <param name="Kind">The function kind.</param>
/// <param name="Resource">The resource for methods, statics and constructors.</param>
/// <param name="Params">The parameters in order.</param>
/// <param name="Result">The result type, if any.</param>
/// <param name="Docs">Its documentation.</param>
/// <param name="Stability">Its feature gate.</param>
public sealed record WitFunction(
    string Name,
    FunctionKind Kind,
    TypeId? Resource,
    IReadOnlyList<WitParam> Params,
    WitType? Result,
    Docs Docs,
    Stability Stability)
{
    /// <summary>Where the function's name is declared (<c>constructor</c> for constructors), when it came from source text.</summary>
    public SourceSpan? Location { get; init; }

    /// <summary>True for async functions.</summary>
    public bool IsAsync => Kind is FunctionKind.AsyncFreestanding or FunctionKind.AsyncMethod or FunctionKind.AsyncStatic;

    /// <summary>The name without the <c>[method]r.</c>-style prefix.</summary>
    public string ItemName
    {
        get
        {
            if (!Name.StartsWith('['))
            {
                return Name;
            }

            int close = Name.IndexOf(']');
            var rest = Name[(close + 1)..];
            int dot = rest.IndexOf('.');
            return dot >= 0 ? rest[(dot + 1)..] : rest;
        }
    }
}
