using System.CommandLine;

namespace WitBindgen.Cli.Commands;

/// <summary>The options that choose WIT features (<c>@unstable(feature = ...)</c> items), shared by the WIT commands.</summary>
internal static class FeatureOptions
{
    /// <summary><c>--features a,b</c> (repeatable; commas separate names).</summary>
    public static System.CommandLine.Option<string[]> Features() => new("--features")
    {
        Description = "Enable these WIT features (comma-separated; may be repeated).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--all-features</c>.</summary>
    public static System.CommandLine.Option<bool> AllFeatures() => new("--all-features") { Description = "Enable every WIT feature." };

    /// <summary>The parser options the two give.</summary>
    public static global::WitBindgen.WitParser.WitOptions From(ParseResult result, System.CommandLine.Option<string[]> features, System.CommandLine.Option<bool> all) => new()
    {
        Features = Split(result.GetValue(features)),
        AllFeatures = result.GetValue(all),
    };

    /// <summary>The names in <paramref name="values"/>, split on commas.</summary>
    public static List<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
