namespace WitBindgen.WitParser.Syntax;

/// <summary>The reserved words of WIT and their token kinds.</summary>
internal static class Keywords
{
    private static readonly Dictionary<string, TokenKind> ByText = new(StringComparer.Ordinal)
    {
        ["use"] = TokenKind.Use,
        ["type"] = TokenKind.Type,
        ["func"] = TokenKind.Func,
        ["u8"] = TokenKind.U8,
        ["u16"] = TokenKind.U16,
        ["u32"] = TokenKind.U32,
        ["u64"] = TokenKind.U64,
        ["s8"] = TokenKind.S8,
        ["s16"] = TokenKind.S16,
        ["s32"] = TokenKind.S32,
        ["s64"] = TokenKind.S64,
        ["f32"] = TokenKind.F32,
        ["f64"] = TokenKind.F64,
        ["char"] = TokenKind.Char,
        ["resource"] = TokenKind.Resource,
        ["own"] = TokenKind.Own,
        ["borrow"] = TokenKind.Borrow,
        ["record"] = TokenKind.Record,
        ["flags"] = TokenKind.Flags,
        ["variant"] = TokenKind.Variant,
        ["enum"] = TokenKind.Enum,
        ["bool"] = TokenKind.Bool,
        ["string"] = TokenKind.String,
        ["option"] = TokenKind.Option,
        ["result"] = TokenKind.Result,
        ["future"] = TokenKind.Future,
        ["stream"] = TokenKind.Stream,
        ["error-context"] = TokenKind.ErrorContext,
        ["list"] = TokenKind.List,
        ["map"] = TokenKind.Map,
        ["_"] = TokenKind.Underscore,
        ["as"] = TokenKind.As,
        ["from"] = TokenKind.From,
        ["static"] = TokenKind.Static,
        ["interface"] = TokenKind.Interface,
        ["tuple"] = TokenKind.Tuple,
        ["world"] = TokenKind.World,
        ["import"] = TokenKind.Import,
        ["export"] = TokenKind.Export,
        ["package"] = TokenKind.Package,
        ["constructor"] = TokenKind.Constructor,
        ["include"] = TokenKind.Include,
        ["with"] = TokenKind.With,
        ["async"] = TokenKind.Async,
    };

    private static readonly Dictionary<TokenKind, string> ByKind = ByText.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Returns the keyword kind for a word, or <see cref="TokenKind.Id"/>.</summary>
    public static TokenKind Classify(string word) => ByText.TryGetValue(word, out var kind) ? kind : TokenKind.Id;

    /// <summary>The source text of a keyword kind.</summary>
    public static string TextOf(TokenKind kind) => ByKind.TryGetValue(kind, out var text) ? text : kind.ToString();

    /// <summary>True when <paramref name="word"/> is reserved.</summary>
    public static bool IsKeyword(string word) => ByText.ContainsKey(word);
}
