using System.Collections.Immutable;
using WitBindgen.Composition.Syntax;
using WitBindgen.Runtime.Validation;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Resolution;

/// <summary>
/// Resolves a parsed WAC document against a <see cref="PackageDirectory"/>: evaluates the statements top-down (as
/// WAC does), checks every name, argument and export, and builds the <see cref="CompositionPlan"/>. Every error is
/// collected as a located diagnostic; resolution goes on after one, and a value that failed is not reported again.
/// This file holds the statements; expressions, instantiation and packages are in the partial files.
/// </summary>
internal sealed partial class CompositionResolver
{
    private readonly SourceMap _sources;
    private readonly SourceFile _file;
    private readonly PackageDirectory _packages;
    private readonly List<CompositionDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, (ResolvedValue Value, TextSpan Span)> _locals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TextSpan> _definitions = new(StringComparer.Ordinal);
    private readonly List<InstanceBuilder> _instances = new();
    private readonly List<(CompositionExport Export, TextSpan Span)> _exports = new();
    private readonly Dictionary<string, (ComposedPackage? Package, string? Error)> _resolvedPackages = new(StringComparer.Ordinal);
    private readonly List<ComposedPackage> _usedPackages = new();
    private readonly Dictionary<string, (PackageItemKind Kind, List<string> Instances)> _imports = new(StringComparer.Ordinal);

    private CompositionResolver(SourceMap sources, SourceFile file, PackageDirectory packages)
    {
        _sources = sources;
        _file = file;
        _packages = packages;
    }

    public static CompositionResult Resolve(SourceMap sources, SourceFile file, WacDocument document, PackageDirectory packages)
    {
        var resolver = new CompositionResolver(sources, file, packages);
        var plan = resolver.Run(document);
        return new CompositionResult(plan, resolver._diagnostics);
    }

    private CompositionPlan? Run(WacDocument document)
    {
        CheckVersion(document.Package.Version);
        foreach (var statement in document.Statements)
        {
            if (statement is WacLetStatement let)
            {
                _definitions.TryAdd(let.Name.Name, let.Name.Span);
            }
        }

        foreach (var statement in document.Statements)
        {
            if (Stopped)
            {
                break;
            }

            switch (statement)
            {
                case WacLetStatement let:
                    Let(let);
                    break;
                case WacExportStatement export:
                    Export(export);
                    break;
            }
        }

        if (_diagnostics.Count > 0)
        {
            return null;
        }

        return new CompositionPlan(
            document.Package.Name,
            document.Package.Version?.Text,
            _usedPackages.ToImmutableArray(),
            _instances.Select(i => i.Build()).ToImmutableArray(),
            _imports.Select(i => new CompositionImport(i.Key, i.Value.Kind, i.Value.Instances.ToImmutableArray())).ToImmutableArray(),
            _exports.Select(e => e.Export).ToImmutableArray());
    }

    private void Let(WacLetStatement let)
    {
        var name = let.Name.Name;
        if (_locals.TryGetValue(name, out var existing))
        {
            Error(let.Name.Span, $"`{name}` is already defined (at {Where(existing.Span)})");
            if (let.Value is not WacNewExpression)
            {
                _ = Evaluate(let.Value);
            }

            return;
        }

        var value = let.Value is WacNewExpression creation
            ? Instantiate(let.Name, creation)
            : Evaluate(let.Value);
        _locals[name] = (value, let.Name.Span);
    }

    private void Export(WacExportStatement export)
    {
        var value = Evaluate(export.Value);
        if (value is ErrorValue)
        {
            return;
        }

        if (export.Spread is { } spread)
        {
            ExportEach(export, value, spread);
            return;
        }

        if (export.Alias is { } name && ExternNameGrammar.Check(name.Text) is { } invalid)
        {
            Error(name.Span, $"`{name.Text}` is not a valid export name: {invalid}");
            return;
        }

        switch (value)
        {
            case InstanceValue instance when export.Alias is { } alias:
                if (instance.Instance.Package is not null)
                {
                    AddExport(new CompositionExport(alias.Text, PackageItemKind.Instance, instance.Instance.Name, null), alias.Span);
                }

                break;
            case InstanceValue:
                Error(export.Value.Span, $"exporting the whole instance `{Text(export.Value.Span)}` needs a name: `export {Text(export.Value.Span)} as name;` (or `export {Text(export.Value.Span)}...;` to export each of its exports)");
                break;
            case ItemValue item when item.Item.Kind is not (PackageItemKind.Instance or PackageItemKind.Function):
                Error(export.Value.Span, $"`{item.Text}` is {Article(item.Item.Kind)}; a composition exports instances and functions only");
                break;
            case ItemValue item:
                var exportName = export.Alias?.Text ?? item.Item.Name;
                AddExport(new CompositionExport(exportName, item.Item.Kind, item.Instance.Name, item.Item.Name), export.Alias?.Span ?? export.Value.Span);
                break;
        }
    }

    /// <summary><c>export x...;</c>: every instance and function the instance exports, unless already exported under its name.</summary>
    private void ExportEach(WacExportStatement export, ResolvedValue value, TextSpan spread)
    {
        if (value is ItemValue item)
        {
            Error(export.Value.Span, $"only an instance's exports can be spread, and `{item.Text}` is {Article(item.Item.Kind)}");
            return;
        }

        if (value is not InstanceValue { Instance: { Package: { } package } instance })
        {
            return;
        }

        var exports = package.Exports.Where(e => e.Kind is PackageItemKind.Instance or PackageItemKind.Function).ToList();
        if (exports.Count == 0)
        {
            Error(spread, $"instance `{instance.Name}` (`{package.Reference}`) exports no instance or function to spread");
            return;
        }

        foreach (var exported in exports)
        {
            if (_exports.All(e => e.Export.Name != exported.Name))
            {
                _exports.Add((new CompositionExport(exported.Name, exported.Kind, instance.Name, exported.Name), spread));
            }
        }
    }

    private void AddExport(CompositionExport export, TextSpan span)
    {
        var previous = _exports.FirstOrDefault(e => e.Export.Name == export.Name);
        if (previous.Export is not null)
        {
            Error(span, $"`{export.Name}` is already exported (at {Where(previous.Span)})");
            return;
        }

        _exports.Add((export, span));
    }

    private void CheckVersion(WacVersion? version)
    {
        if (version is not null && !SemVersion.TryParse(version.Text, out _, out var error))
        {
            Error(version.Span, $"invalid version `{version.Text}`: {error}");
        }
    }

    /// <summary>Resolution stops after this many errors (the last diagnostic says so).</summary>
    internal const int MaxDiagnostics = 100;

    /// <summary>Whether the error limit was reached; loops over statements and arguments stop.</summary>
    private bool Stopped => _diagnostics.Count > MaxDiagnostics;

    private void Error(TextSpan span, string message)
    {
        if (Stopped)
        {
            return;
        }

        _diagnostics.Add(_diagnostics.Count < MaxDiagnostics
            ? CompositionDiagnostic.At(_sources, span, message)
            : CompositionDiagnostic.At(_sources, span, $"more than {MaxDiagnostics} errors; resolution stopped here"));
    }

    private string Where(TextSpan span) => _sources.Locate(span).ToString();

    private string Text(TextSpan span) => _file.Text.Substring(span.Start - _file.Offset, span.Length);

    private static string Article(PackageItemKind kind) => kind switch
    {
        PackageItemKind.Function => "a function",
        PackageItemKind.Instance => "an instance",
        PackageItemKind.Type => "a type",
        PackageItemKind.Component => "a component",
        PackageItemKind.Module => "a core module",
        _ => "a value",
    };
}
