using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using WitBindgen.Generator.Emit;
using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator;

public sealed partial class WitGenerator
{
    /// <summary>Writes the sources described by the specs and reports their diagnostics.</summary>
    internal static class Emitter
    {
        /// <summary>Writes one generated source.</summary>
        public static void Emit(SourceProductionContext context, OutputSpec output)
        {
            if (output.Failure is { } failure)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, failure));
                return;
            }

            try
            {
                context.AddSource(output.HintName, SourceText.From(Render(output), System.Text.Encoding.UTF8));
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, $"emission of {output.HintName} failed: {e.GetType().Name}: {e.Message}"));
            }
        }

        /// <summary>Reports the diagnostics of every load.</summary>
        public static void Report(SourceProductionContext context, EquatableArray<DiagnosticSpec> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        }

        /// <summary>The diagnostics of all loads, each once.</summary>
        public static EquatableArray<DiagnosticSpec> Diagnostics(EquatableArray<GenerationSpec> specs) =>
            specs.SelectMany(s => s.Diagnostics).Distinct().ToEquatableArray();

        /// <summary>
        /// The generated sources of all loads, one <see cref="OutputSpec"/> each, each hint name once: types files
        /// first, then each world's host interfaces, resource classes and world class. The same output reached from
        /// two loads (an interface both use) is written once; a different output under a taken hint name gets a
        /// suffixed name (the compiler then reports the duplicate types, which is the real conflict). Outputs
        /// under one hint name are the same when their specs are equal or, failing that, their texts are.
        /// </summary>
        public static ImmutableArray<OutputSpec> Plan(EquatableArray<GenerationSpec> specs)
        {
            try
            {
                return PlanOutputs(specs);
            }
            catch (Exception e)
            {
                return ImmutableArray.Create(new OutputSpec(string.Empty, Failure: $"planning the generated sources failed: {e.GetType().Name}: {e.Message}"));
            }
        }

        private static ImmutableArray<OutputSpec> PlanOutputs(EquatableArray<GenerationSpec> specs)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var written = new Dictionary<string, OutputSpec>(StringComparer.OrdinalIgnoreCase);
            var plan = ImmutableArray.CreateBuilder<OutputSpec>();
            var outputs = specs.SelectMany(s => s.Files).Select(file => new OutputSpec(file.HintName, Types: file))
                .Concat(specs.SelectMany(s => s.Bindings).SelectMany(BindingsWriter.Outputs))
                .Concat(specs.SelectMany(s => s.Provides).Select(p => new OutputSpec($"{p.Namespace}.WitInterface.g.cs", Provides: p)))
                .Concat(specs.SelectMany(s => s.Guest).SelectMany(GuestWriter.Outputs));
            foreach (var output in outputs)
            {
                var hintName = output.HintName;

                // Specs that differ only in what their text does not show (a property name another world gives the
                // same interface) are compared by text: only on a hint name collision, which is rare.
                if (written.TryGetValue(hintName, out var previous) && (previous == output || Render(previous) == Render(output)))
                {
                    continue;
                }

                var hint = hintName;
                for (var i = 2; !seen.Add(hint); i++)
                {
                    hint = hintName.Substring(0, hintName.Length - ".g.cs".Length) + "_" + i.ToString(CultureInfo.InvariantCulture) + ".g.cs";
                }

                written[hintName] = output;
                plan.Add(hint == hintName ? output : output with { HintName = hint });
            }

            return plan.ToImmutable();
        }

        /// <summary>The text of one generated source.</summary>
        public static string Render(OutputSpec output) => output switch
        {
            { Types: { } types } => RenderFile(types),
            { Interface: { } iface } => BindingsWriter.RenderInterface(iface),
            { Resource: { } resource } => BindingsWriter.RenderResource(resource),
            { World: { } world } => new BindingsWriter(world).RenderWorld(),
            { Provides: { } provides } => RenderProvides(provides),
            { Guest: { } guest } => new GuestWriter(guest).Render(),
            { GuestSupport: true } => GuestSupportWriter.Render(),
            _ => throw new InvalidOperationException("an output with nothing to render: " + output.HintName),
        };

        private static string RenderProvides(InterfaceAttributeSpec spec)
        {
            var w = new SourceWriter();
            w.WriteLine("// <auto-generated/>");
            w.WriteLine($"// Generated by WitBindgen: where the types of interface {spec.Name} are, for projects that reference this assembly.");
            var args = new[] { spec.Name, spec.Namespace }.Select(Quote)
                .Append(spec.Imported ? "true" : "false")
                .Concat(spec.Types.Select(Quote));
            w.WriteLine($"[assembly: global::WitBindgen.Runtime.CompilerServices.WitInterfaceBindings({string.Join(", ", args)})]");
            return w.ToString();

            static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        }

        private static string RenderFile(SourceFileSpec file)
        {
            var w = new SourceWriter();
            w.WriteLine("// <auto-generated/>");
            w.WriteLine("// Generated by WitBindgen from " + file.Origin + ".");
            w.WriteLine("#nullable enable");
            w.WriteLine();
            w.WriteLine("namespace " + file.Namespace);
            w.OpenBlock();
            var first = true;
            foreach (var type in file.Types)
            {
                if (!first)
                {
                    w.WriteLine();
                }

                first = false;
                switch (type)
                {
                    case RecordSpec r: EmitRecord(w, r); break;
                    case VariantSpec v: EmitVariant(w, v); break;
                    case EnumSpec e: EmitEnum(w, e); break;
                    case FlagsSpec f: EmitFlags(w, f); break;
                    case WideFlagsSpec f: EmitWideFlags(w, f); break;
                    case ResourceSpec { Bound: true }: break;
                    case ResourceSpec r: EmitResource(w, r); break;
                }
            }

            w.CloseBlock();
            return w.ToString();
        }

        private static void EmitRecord(SourceWriter w, RecordSpec r)
        {
            Docs.Summary(w, r.Docs, $"The WIT record <c>{Docs.Escape(r.WitName)}</c>.");
            foreach (var f in r.Fields)
            {
                Docs.Param(w, f.Name, f.Docs, $"The <c>{Docs.Escape(f.WitName)}</c> field.");
            }

            GeneratedCode.Write(w);
            w.WriteLine($"public readonly record struct {r.Name}({string.Join(", ", r.Fields.Select(f => f.Type + " " + f.Name))});");
        }

        private static void EmitVariant(SourceWriter w, VariantSpec v)
        {
            Docs.Summary(w, v.Docs, $"The WIT variant <c>{Docs.Escape(v.WitName)}</c>: one of the nested case records.");
            GeneratedCode.Write(w);
            w.WriteLine($"public abstract record {v.Name}");
            w.OpenBlock();
            w.WriteLine($"private {v.Name}()");
            w.OpenBlock();
            w.CloseBlock();
            foreach (var c in v.Cases)
            {
                w.WriteLine();
                Docs.Summary(w, c.Docs, $"The <c>{Docs.Escape(c.WitName)}</c> case.");
                if (c.Type is null)
                {
                    GeneratedCode.Write(w);
                    w.WriteLine($"public sealed record {c.Name}() : {v.Name};");
                }
                else
                {
                    Docs.Param(w, "Value", null, "The payload.");
                    GeneratedCode.Write(w);
                    w.WriteLine($"public sealed record {c.Name}({c.Type} Value) : {v.Name};");
                }
            }

            w.CloseBlock();
        }

        private static void EmitEnum(SourceWriter w, EnumSpec e)
        {
            Docs.Summary(w, e.Docs, $"The WIT enum <c>{Docs.Escape(e.WitName)}</c>.");
            GeneratedCode.Write(w);
            w.WriteLine($"public enum {e.Name} : {e.Underlying}");
            w.OpenBlock();
            foreach (var c in e.Cases)
            {
                Docs.Summary(w, c.Docs, $"The <c>{Docs.Escape(c.WitName)}</c> case.");
                w.WriteLine(c.Name + ",");
            }

            w.CloseBlock();
        }

        private static void EmitFlags(SourceWriter w, FlagsSpec f)
        {
            var one = f.Underlying switch { "uint" => "1U", "ulong" => "1UL", _ => "1" };
            Docs.Summary(w, f.Docs, $"The WIT flags <c>{Docs.Escape(f.WitName)}</c>.");
            w.WriteLine("[global::System.Flags]");
            GeneratedCode.Write(w);
            w.WriteLine($"public enum {f.Name} : {f.Underlying}");
            w.OpenBlock();
            for (var i = 0; i < f.Flags.Count; i++)
            {
                Docs.Summary(w, f.Flags[i].Docs, $"The <c>{Docs.Escape(f.Flags[i].WitName)}</c> flag.");
                w.WriteLine($"{f.Flags[i].Name} = {one} << {i.ToString(CultureInfo.InvariantCulture)},");
            }

            w.CloseBlock();
        }

        private static void EmitWideFlags(SourceWriter w, WideFlagsSpec f)
        {
            Docs.Summary(w, f.Docs, $"The WIT flags <c>{Docs.Escape(f.WitName)}</c> ({f.Flags.Count.ToString(CultureInfo.InvariantCulture)} flags, stored as 64-bit words).");
            for (var i = 0; i < f.Words.Count; i++)
            {
                var from = (i * 64).ToString(CultureInfo.InvariantCulture);
                var to = (Math.Min(f.Flags.Count, (i + 1) * 64) - 1).ToString(CultureInfo.InvariantCulture);
                Docs.Param(w, f.Words[i], null, $"Flags {from} to {to}, flag {from} in the lowest bit.");
            }

            GeneratedCode.Write(w);
            w.WriteLine($"public readonly record struct {f.Name}({string.Join(", ", f.Words.Select(word => "ulong " + word))})");
            w.OpenBlock();
            for (var i = 0; i < f.Flags.Count; i++)
            {
                var word = f.Words[i / 64];
                var mask = $"(1UL << {(i % 64).ToString(CultureInfo.InvariantCulture)})";
                if (i > 0)
                {
                    w.WriteLine();
                }

                Docs.Summary(w, f.Flags[i].Docs, $"The <c>{Docs.Escape(f.Flags[i].WitName)}</c> flag.");
                w.WriteLine($"public bool {f.Flags[i].Name} {{ get => ({word} & {mask}) != 0; init => {word} = value ? {word} | {mask} : {word} & ~{mask}; }}");
            }

            w.CloseBlock();
        }

        private static void EmitResource(SourceWriter w, ResourceSpec r)
        {
            Docs.Summary(w, r.Docs, $"The WIT resource <c>{Docs.Escape(r.WitName)}</c>.");
            w.WriteLine("/// <remarks>A placeholder: the resource's constructor, methods and handle ownership are generated in the next stage.</remarks>");
            GeneratedCode.Write(w);
            w.WriteLine($"public sealed class {r.Name} : global::System.IDisposable");
            w.OpenBlock();
            w.WriteLine($"internal {r.Name}()");
            w.OpenBlock();
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("/// <summary>Releases the resource handle (nothing to release in this stage).</summary>");
            w.WriteLine("public void Dispose()");
            w.OpenBlock();
            w.CloseBlock();
            w.CloseBlock();
        }
    }
}
