using WitBindgen.Generator.Specs;
using WitBindgen.WitParser;
using WitBindgen.WitParser.Diagnostics;

namespace WitBindgen.Generator;

public sealed partial class WitGenerator
{
    /// <summary>Loads one <see cref="WitUnit"/> in memory and turns the resolved model into a <see cref="GenerationSpec"/>.</summary>
    internal static class Parser
    {
        public static GenerationSpec Parse(WitUnit unit, CancellationToken ct) => Parse(unit, false, ct);

        /// <summary>Loads a unit; <paramref name="bindings"/> adds the world's host bindings (the project references the runtime).</summary>
        public static GenerationSpec Parse(WitUnit unit, bool bindings, CancellationToken ct) =>
            Parse(unit, bindings, EquatableArray<ProvidedInterface>.Empty, ct);

        /// <summary>
        /// Loads a unit; <paramref name="bindings"/> adds the world's host bindings (the project references the runtime);
        /// the interfaces in <paramref name="provided"/> (and those the unit's <c>With</c> maps to a namespace) are not
        /// generated but referred to.
        /// </summary>
        public static GenerationSpec Parse(WitUnit unit, bool bindings, EquatableArray<ProvidedInterface> provided, CancellationToken ct)
        {
            var withErrors = new List<string>();
            var with = WithMap.Parse(unit.With, withErrors);
            var withDiagnostics = withErrors.Select(message => unit.Project is { } project
                ? new DiagnosticSpec(DiagnosticDescriptors.MalformedWith.Id, message, project, 0, 0, 0, 0)
                : DiagnosticSpec.Unlocated(DiagnosticDescriptors.MalformedWith.Id, message)).ToList();
            var spec = Parse(unit, bindings, provided, with, ct);
            return withDiagnostics.Count == 0 ? spec : spec with { Diagnostics = withDiagnostics.Concat(spec.Diagnostics).ToEquatableArray() };
        }

        private static GenerationSpec Parse(WitUnit unit, bool bindings, EquatableArray<ProvidedInterface> provided, WithMap with, CancellationToken ct)
        {
            try
            {
                if (CheckMode(unit) is { } unsupported)
                {
                    return GenerationSpec.Failed(unsupported);
                }

                // Guest bindings generate every interface they use: the types a referenced assembly holds are host types.
                var guest = IsGuest(unit);
                if (guest)
                {
                    provided = EquatableArray<ProvidedInterface>.Empty;
                    with = WithMap.Parse(null, new List<string>());
                }

                var result = Load(unit);
                ct.ThrowIfCancellationRequested();
                if (!result.Success)
                {
                    return GenerationSpec.Failed(ToSpec(result.Diagnostic!, unit));
                }

                // Several worlds of one package: World="full;basic" generates each (shared files are written once).
                var worlds = (unit.World ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()).Where(w => w.Length > 0).ToList();
                if (worlds.Count <= 1)
                {
                    return new SpecBuilder(result.Resolve!, result.MainPackage!.Value, unit, ct, bindings, provided, with, guest).Build();
                }

                return GenerationSpec.Combine(worlds
                    .Select(world => new SpecBuilder(result.Resolve!, result.MainPackage!.Value, unit with { World = world }, ct, bindings, provided, with, guest).Build())
                    .ToList());
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                return GenerationSpec.Failed(DiagnosticSpec.Unlocated(
                    DiagnosticDescriptors.InternalError.Id,
                    $"the generator failed on {unit.Root ?? unit.Files[0].Path}: {e.GetType().Name}: {e.Message}"));
            }
        }

        private static bool IsGuest(WitUnit unit) => unit.Mode?.Equals("Guest", StringComparison.OrdinalIgnoreCase) == true;

        /// <summary>Host (the default) or guest bindings; any other mode is reported.</summary>
        private static DiagnosticSpec? CheckMode(WitUnit unit)
        {
            var where = unit.Root ?? unit.Files[0].Path;
            return unit.Mode switch
            {
                null => null,
                _ when unit.Mode.Equals("Host", StringComparison.OrdinalIgnoreCase) => null,
                _ when IsGuest(unit) => null,
                _ => DiagnosticSpec.Unlocated(
                    DiagnosticDescriptors.UnsupportedMode.Id,
                    $"unknown Mode \"{unit.Mode}\": expected \"Host\" or \"Guest\" ({where})"),
            };
        }

        private static WitLoadResult Load(WitUnit unit)
        {
            var fs = new InMemoryWitFileSystem();
            foreach (var file in unit.Files)
            {
                fs.Add(Normalize(file.Path), file.Text);
            }

            var features = (unit.Features ?? string.Empty)
                .Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Trim())
                .Where(f => f.Length > 0)
                .ToArray();
            var options = new WitOptions
            {
                FileSystem = fs,
                Features = features.Where(f => f != "*").ToArray(),
                AllFeatures = features.Contains("*"),
            };

            return unit.Root is { } root
                ? Wit.Load(root, options)
                : Wit.Parse(Normalize(unit.Files[0].Path), unit.Files[0].Text, options);
        }

        /// <summary>Places a WIT diagnostic at its line and column in the AdditionalFile it came from.</summary>
        internal static DiagnosticSpec ToSpec(WitDiagnostic diagnostic, WitUnit unit)
        {
            var id = DiagnosticDescriptors.WitError.Id;
            if (diagnostic.Location is not { } location)
            {
                return DiagnosticSpec.Unlocated(id, diagnostic.Message);
            }

            var file = unit.Files.FirstOrDefault(f => Normalize(f.Path) == Normalize(location.Path));
            if (file is null)
            {
                return DiagnosticSpec.Unlocated(id, $"{location}: {diagnostic.Message}");
            }

            var text = file.Text;
            var line = Math.Max(0, location.Line - 1);
            var lineStart = 0;
            for (var i = 0; i < line; i++)
            {
                var next = text.IndexOf('\n', lineStart);
                if (next < 0)
                {
                    break;
                }

                lineStart = next + 1;
            }

            // The front end counts columns in UTF-8 bytes; Roslyn counts UTF-16 characters.
            var column = 0;
            var bytes = 0;
            while (lineStart + column < text.Length && bytes < location.Column - 1 && text[lineStart + column] != '\n')
            {
                var c = text[lineStart + column];
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsSurrogate(c) ? 2 : 3;
                column++;
            }

            var start = lineStart + column;
            var length = Math.Max(0, Math.Min(diagnostic.SpanLength ?? 0, text.Length - start));
            return new DiagnosticSpec(id, diagnostic.Message, file.Path, start, length, line, column);
        }

        private static string Normalize(string path) => DiagnosticSpec.NormalizePath(path);
    }
}
