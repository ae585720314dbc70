using System.Collections.Immutable;
using WitBindgen.Composition.Syntax;
using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition.Resolution;

/// <summary><c>let x = new ns:name { ... };</c>: the package, each argument, and the imports left over.</summary>
internal sealed partial class CompositionResolver
{
    private ResolvedValue Instantiate(WacIdent name, WacNewExpression creation)
    {
        var package = ResolvePackage(creation.Package);
        var instance = new InstanceBuilder(name.Name, _instances.Count, package, _sources.Locate(name.Span));
        TextSpan? passThrough = null;
        int reported = _diagnostics.Count;
        for (int i = 0; i < creation.Arguments.Count && !Stopped; i++)
        {
            switch (creation.Arguments[i])
            {
                case WacPassThroughArgument dots:
                    if (i != creation.Arguments.Count - 1)
                    {
                        Error(dots.Span, "`...` must be the last argument");
                    }

                    passThrough = dots.Span;
                    break;
                case WacNamedArgument named:
                {
                    var value = Evaluate(named.Value);
                    if (package is not null && value is not ErrorValue)
                    {
                        var importName = named.Name.IsString ? named.Name.Text : InferImport(package, named.Name.Text);
                        Bind(instance, package, importName, value, named.Name.Span, named.Value.Span);
                    }

                    break;
                }

                case WacInferredArgument inferred:
                {
                    var value = Lookup(inferred.Name);
                    if (package is not null && value is not ErrorValue)
                    {
                        var importName = value is ItemValue item && package.Imports.Any(i => i.Name == item.Item.Name)
                            ? item.Item.Name
                            : InferImport(package, inferred.Name.Name);
                        Bind(instance, package, importName, value, inferred.Name.Span, inferred.Name.Span);
                    }

                    break;
                }

                case WacSpreadArgument spread:
                    Spread(instance, package, spread);
                    break;
            }
        }

        if (package is not null)
        {
            var missing = package.Imports.Where(i => !instance.Arguments.ContainsKey(i.Name)).ToImmutableArray();
            if (passThrough is { } dots)
            {
                instance.PassThrough = missing;
                foreach (var import in missing)
                {
                    AddCompositionImport(instance, import, dots);
                }
            }
            else if (!missing.IsEmpty && _diagnostics.Count == reported)
            {
                var list = string.Join(", ", missing.Select(m => $"`{m.Name}`"));
                var what = missing.Length == 1 ? $"its import {list}" : $"its imports {list}";
                Error(creation.Package.Span, $"`{package.Reference}` needs an argument for {what}; pass {(missing.Length == 1 ? "it" : "them")}, or end the arguments with `...` to import {(missing.Length == 1 ? "it" : "them")} into the composition");
            }
        }

        _instances.Add(instance);
        return new InstanceValue(instance);
    }

    /// <summary>
    /// The import a kebab-case argument name stands for: the one import whose path ends in it (<c>stdout</c> for
    /// <c>wasi:cli/stdout@0.2.0</c>), else the name itself.
    /// </summary>
    private static string InferImport(ComposedPackage package, string name) => Single(package.Imports, name)?.Name ?? name;

    private void Bind(InstanceBuilder instance, ComposedPackage package, string importName, ResolvedValue value, TextSpan nameSpan, TextSpan valueSpan)
    {
        var import = package.Imports.FirstOrDefault(i => i.Name == importName);
        if (import is null)
        {
            var candidates = package.Imports.Select(i => i.ShortName).Concat(package.Imports.Select(i => i.Name)).Distinct().ToList();
            var hint = package.Imports.IsEmpty ? "; it has no imports" : NameSuggestions.Hint(importName, candidates, "its imports are");
            Error(nameSpan, $"`{package.Reference}` has no import `{importName}`{hint}");
            return;
        }

        if (instance.Arguments.TryGetValue(importName, out var earlier))
        {
            Error(nameSpan, $"import `{importName}` of `{package.Reference}` is already given (at {Where(earlier.Span)})");
            return;
        }

        var (source, kind, export, text) = value switch
        {
            InstanceValue v => (v.Instance, PackageItemKind.Instance, (string?)null, v.Instance.Name),
            ItemValue v => (v.Instance, v.Item.Kind, v.Item.Name, v.Text),
            _ => throw new InvalidOperationException("error values are not bound"),
        };
        if (source.Package is null)
        {
            return;
        }

        if (kind != import.Kind)
        {
            Error(valueSpan, $"import `{importName}` of `{package.Reference}` is {Article(import.Kind)}, but `{text}` is {Article(kind)}");
            return;
        }

        instance.Arguments[importName] = (new ArgumentBinding(importName, kind, source.Name, export), nameSpan);
    }

    /// <summary><c>...x</c>: each export of instance <c>x</c> named like a still unsatisfied import satisfies it.</summary>
    private void Spread(InstanceBuilder instance, ComposedPackage? package, WacSpreadArgument spread)
    {
        var value = Lookup(spread.Instance);
        if (value is ItemValue item)
        {
            Error(spread.Instance.Span, $"only an instance's exports can be spread, and `{item.Text}` is {Article(item.Item.Kind)}");
            return;
        }

        if (package is null || value is not InstanceValue { Instance: { Package: { } sourcePackage } source })
        {
            return;
        }

        int matched = 0;
        foreach (var import in package.Imports)
        {
            var export = sourcePackage.Exports.FirstOrDefault(e => e.Name == import.Name && e.Kind == import.Kind);
            if (export is not null && !instance.Arguments.ContainsKey(import.Name))
            {
                instance.Arguments[import.Name] = (new ArgumentBinding(import.Name, import.Kind, source.Name, export.Name), spread.Span);
                matched++;
            }
        }

        if (matched == 0)
        {
            Error(spread.Span, $"spreading `{source.Name}` satisfies no import of `{package.Reference}`: none of its exports is named like an unsatisfied import");
        }
    }

    private void AddCompositionImport(InstanceBuilder instance, PackageItem import, TextSpan span)
    {
        if (_imports.TryGetValue(import.Name, out var existing))
        {
            if (existing.Kind != import.Kind)
            {
                Error(span, $"import `{import.Name}` passed through by `{instance.Name}` is {Article(import.Kind)}, but `{existing.Instances[0]}` passes it through as {Article(existing.Kind)}");
                return;
            }

            existing.Instances.Add(instance.Name);
            return;
        }

        _imports[import.Name] = (import.Kind, new List<string> { instance.Name });
    }
}
