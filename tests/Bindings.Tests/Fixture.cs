using WitBindgen.Runtime;

namespace WitBindgen.Bindings.Tests;

/// <summary>The fixture components (component text in <c>Fixtures/</c>), compiled once per test run.</summary>
internal static class Fixture
{
    public static readonly ComponentRuntime Runtime = new();

    private static readonly Lazy<LoadedComponent> EchoesComponent = new(() => Load("echoes.wat"));
    private static readonly Lazy<LoadedComponent> ResourcesComponent = new(() => Load("resources.wat"));
    private static readonly Lazy<LoadedComponent> TypeImportsComponent = new(() => Load("type-imports.wat"));
    private static readonly Lazy<LoadedComponent> CollectionsComponent = new(() => Load("collections.wat"));
    private static readonly Lazy<LoadedComponent> WorldResourcesComponent = new(() => Load("world-resources.wat"));
    private static readonly Lazy<LoadedComponent> CalcExporterComponent = new(() => Load("calc-exporter.wat"));
    private static readonly Lazy<LoadedComponent> CalcImporterComponent = new(() => Load("calc-importer.wat"));
    private static readonly Lazy<LoadedComponent> AsyncStreamsComponent = new(() => Load("async-streams.wat"));
    private static readonly Lazy<LoadedComponent> AsyncImportsComponent = new(() => Load("async-imports.wat"));
    private static readonly Lazy<LoadedComponent> AsyncResourcesComponent = new(() => Load("async-resources.wat"));
    private static readonly Lazy<LoadedComponent> ErrorContextsComponent = new(() => Load("error-contexts.wat"));
    private static readonly Lazy<LoadedComponent> LargeResultsComponent = new(() => Load("large-results.wat"));

    public static LoadedComponent Echoes => EchoesComponent.Value;

    public static LoadedComponent Resources => ResourcesComponent.Value;

    public static LoadedComponent TypeImports => TypeImportsComponent.Value;

    public static LoadedComponent Collections => CollectionsComponent.Value;

    public static LoadedComponent WorldResources => WorldResourcesComponent.Value;

    public static LoadedComponent CalcExporter => CalcExporterComponent.Value;

    public static LoadedComponent CalcImporter => CalcImporterComponent.Value;

    public static LoadedComponent AsyncStreams => AsyncStreamsComponent.Value;

    public static LoadedComponent AsyncImports => AsyncImportsComponent.Value;

    public static LoadedComponent AsyncResources => AsyncResourcesComponent.Value;

    public static LoadedComponent ErrorContexts => ErrorContextsComponent.Value;

    public static LoadedComponent LargeResults => LargeResultsComponent.Value;

    private static LoadedComponent Load(string name) =>
        Runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)));
}
