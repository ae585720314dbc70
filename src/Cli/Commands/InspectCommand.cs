using System.CommandLine;
using System.Text;
using System.Text.Json;
using WitBindgen.Cli.Inspect;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Validation;
using WitBindgen.Runtime.Validation.Types;

namespace WitBindgen.Cli.Commands;

/// <summary>
/// <c>witbindgen inspect &lt;component.wasm&gt;</c>: the component's world as WIT (<see cref="ComponentWitPrinter"/>),
/// its core modules with their sizes and the producers sections (the component's and its modules'); with
/// <c>--json</c>, the same as one JSON object. Nothing is compiled.
/// </summary>
internal static class InspectCommand
{
    public const string Usage =
        "usage: witbindgen inspect <component.wasm> [--json]\n" +
        "  Prints a component's world as WIT (imports, exports, types), its core modules with sizes and its producers.";

    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("component") { Description = "A component binary (.wasm)." };
        var json = new System.CommandLine.Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect", "Show a component's world as WIT, its core modules and its producers.") { path, json };
        command.SetAction(result =>
        {
            var file = result.GetValue(path)!;
            if (context.ReadFile(file) is not { } bytes)
            {
                return ExitCodes.Failure;
            }

            ComponentDefinition definition;
            ComponentDef type;
            List<CoreModuleInfo> modules;
            List<(string Where, IReadOnlyList<(string Field, IReadOnlyList<(string Name, string Version)> Values)> Fields)> producers;
            try
            {
                definition = ComponentReader.Read(bytes);
                ComponentValidator.Validate(definition);
                type = TypeChecker.TypeOf(definition);
                modules = CoreModuleInfo.All(definition);
                producers = Producers(definition, modules);
            }
            catch (ComponentFormatException e)
            {
                return context.Fail($"`{file}` is not a valid component: {e.Message}");
            }

            var wit = ComponentWitPrinter.Print(type);
            context.Out.Write(result.GetValue(json) ? Json(file, bytes.Length, type, wit, modules, producers) : Text(file, bytes.Length, wit, modules, producers));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<(string, IReadOnlyList<(string, IReadOnlyList<(string, string)>)>)> Producers(ComponentDefinition definition, List<CoreModuleInfo> modules)
    {
        var all = new List<(string, IReadOnlyList<(string, IReadOnlyList<(string, string)>)>)>();
        foreach (var section in definition.CustomSections.Where(s => s.Name == ProducersSection.Name))
        {
            all.Add(("component", ProducersSection.Read(section.Data, section.Offset)));
        }

        foreach (var module in modules)
        {
            foreach (var section in module.CustomSections().Where(s => s.Name == ProducersSection.Name))
            {
                all.Add((module.Path, ProducersSection.Read(section.Data, section.Offset)));
            }
        }

        return all;
    }

    private static string Text(
        string file,
        int size,
        string wit,
        List<CoreModuleInfo> modules,
        List<(string Where, IReadOnlyList<(string Field, IReadOnlyList<(string Name, string Version)> Values)> Fields)> producers)
    {
        var b = new StringBuilder();
        b.Append("component ").Append(file).Append(" (").Append(size).Append(" bytes)\n\n");
        b.Append(wit).Append('\n');
        b.Append("core modules:\n");
        foreach (var module in modules)
        {
            b.Append("  ").Append(module.Path).Append(": ").Append(module.Bytes.Length).Append(" bytes at offset 0x").Append(module.Offset.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        if (modules.Count == 0)
        {
            b.Append("  (none)\n");
        }

        b.Append("\nproducers:\n");
        foreach (var (where, fields) in producers)
        {
            foreach (var (field, values) in fields)
            {
                b.Append("  ").Append(where).Append(": ").Append(field).Append(' ')
                    .Append(string.Join(", ", values.Select(v => v.Version.Length == 0 ? v.Name : $"{v.Name} {v.Version}"))).Append('\n');
            }
        }

        if (producers.Count == 0)
        {
            b.Append("  (none)\n");
        }

        return b.ToString();
    }

    private static string Json(
        string file,
        int size,
        ComponentDef type,
        string wit,
        List<CoreModuleInfo> modules,
        List<(string Where, IReadOnlyList<(string Field, IReadOnlyList<(string Name, string Version)> Values)> Fields)> producers)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", file);
            w.WriteNumber("size", size);
            Items(w, "imports", type.Imports);
            Items(w, "exports", type.Exports);
            w.WriteString("wit", wit);
            w.WriteStartArray("coreModules");
            foreach (var module in modules)
            {
                w.WriteStartObject();
                w.WriteString("path", module.Path);
                w.WriteNumber("size", module.Bytes.Length);
                w.WriteNumber("offset", module.Offset);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("producers");
            foreach (var (where, fields) in producers)
            {
                w.WriteStartObject();
                w.WriteString("in", where);
                foreach (var (field, values) in fields)
                {
                    w.WriteStartArray(field);
                    foreach (var (name, version) in values)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", name);
                        w.WriteString("version", version);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Items(Utf8JsonWriter w, string property, IReadOnlyList<(string Name, Entity Entity)> items)
    {
        w.WriteStartArray(property);
        foreach (var (name, entity) in items)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("kind", entity.Sort.ToText());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
