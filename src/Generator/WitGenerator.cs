using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator;

/// <summary>
/// Generates C# types for the WIT files passed as AdditionalFiles. The pipeline: read each
/// <c>.wit</c> file with its item metadata (<see cref="WitInputFile"/>), group files into loads
/// (<see cref="WitUnit"/>), resolve each load into a <see cref="GenerationSpec"/> (the Parser), then
/// split the loads into one <see cref="OutputSpec"/> per generated source and write each (the Emitter), and
/// report the diagnostics. Every step's output is equatable data, so an edit that does not touch the WIT
/// inputs leaves every step cached, and an edit that does renders again only the sources whose spec changed.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class WitGenerator : IIncrementalGenerator
{
    /// <summary>The prefix of the item metadata the generator reads (see build/WitBindgen.props).</summary>
    public const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    /// <summary>The runtime assembly whose reference turns on host bindings.</summary>
    public const string RuntimeAssembly = "WitBindgen.Runtime";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".wit", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => ReadInput(pair.Left, pair.Right.GetOptions(pair.Left), ct))
            .WithTrackingName(TrackingNames.InputFiles);

        var units = files.Collect()
            .SelectMany(static (all, _) => WitUnit.Group(all).ToImmutableArray())
            .WithTrackingName(TrackingNames.Units);

        // Host bindings call the runtime: generate them when the project references it (types only otherwise).
        var runtime = context.CompilationProvider
            .Select(static (compilation, _) => compilation.ReferencedAssemblyNames.Any(a => a.Name == RuntimeAssembly))
            .WithTrackingName(TrackingNames.Runtime);

        // The WIT interfaces referenced assemblies already hold bindings for: equatable, so an edit of C# code leaves
        // every WIT step cached.
        var provided = context.CompilationProvider
            .Select(static (compilation, ct) => ProvidedInterfaces.Read(compilation, ct))
            .WithTrackingName(TrackingNames.Provided);

        var specs = units
            .Combine(runtime)
            .Combine(provided)
            .Select(static (pair, ct) => Parser.Parse(pair.Left.Left, pair.Left.Right, pair.Right, ct))
            .WithTrackingName(TrackingNames.Specs);

        var all = specs.Collect()
            .Select(static (list, _) => list.ToEquatableArray())
            .WithTrackingName(TrackingNames.AllSpecs);

        // One item per generated source: Roslyn renders again only the items whose spec changed.
        var outputs = all
            .SelectMany(static (list, _) => Emitter.Plan(list))
            .WithTrackingName(TrackingNames.Outputs);
        context.RegisterSourceOutput(outputs, static (spc, output) => Emitter.Emit(spc, output));

        // Diagnostics carry source locations, which text moved by an edit above changes; they are reported on their
        // own so that such a move never renders a source again.
        var diagnostics = all
            .Select(static (list, _) => Emitter.Diagnostics(list))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) => Emitter.Report(spc, list));
    }

    private static WitInputFile ReadInput(AdditionalText text, AnalyzerConfigOptions options, CancellationToken ct)
    {
        string? Meta(string name) =>
            options.TryGetValue(MetadataPrefix + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        string content;
        try
        {
            content = text.GetText(ct)?.ToString() ?? string.Empty;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            content = string.Empty;
        }

        var root = Meta("WitRoot");
        return new WitInputFile(
            text.Path,
            content,
            root is null ? null : root.Replace('\\', '/').TrimEnd('/'),
            Meta("WitWorld"),
            Meta("WitNamespace"),
            Meta("WitFeatures"),
            Meta("WitMode"),
            Meta("WitWith"),
            Meta("WitProject"),
            Meta("WitStringEncoding"));
    }
}
