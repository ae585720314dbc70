// The MSBuild task behind WitBindgen.targets' WitBindgenWriteComponentTypes, compiled by RoslynCodeTaskFactory (against
// netstandard, so the WIT front end the package carries is called through reflection): prints the WIT a guest Wit item
// was generated from as one file per world, the component type the linker needs.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>Writes <c>&lt;world&gt;.wit</c> for each world of a guest Wit item: its package and dependencies as one WIT file.</summary>
public sealed class WitBindgenPrintWorlds : Task
{
    /// <summary>The item: a package directory or a .wit file.</summary>
    [Required]
    public string Source { get; set; } = string.Empty;

    /// <summary>The worlds (',' separated); empty for the package's only world.</summary>
    public string Worlds { get; set; }

    /// <summary>The @unstable features (',' separated, '*' for all).</summary>
    public string Features { get; set; }

    /// <summary>utf8 (the default) or utf16.</summary>
    public string StringEncoding { get; set; }

    /// <summary>Where to write.</summary>
    [Required]
    public string Directory { get; set; } = string.Empty;

    /// <summary>The folder of WitBindgen.WitParser.dll.</summary>
    [Required]
    public string ToolsDirectory { get; set; } = string.Empty;

    /// <summary>The files written (or already up to date), with World and StringEncoding metadata.</summary>
    [Output]
    public ITaskItem[] Files { get; set; } = new ITaskItem[0];

    private static object Get(object target, string property) => target.GetType().GetProperty(property).GetValue(target);

    private static object Index(object resolve, object id) => resolve.GetType().GetProperty("Item", new[] { id.GetType() }).GetValue(resolve, new[] { id });

    /// <inheritdoc />
    public override bool Execute()
    {
        var parser = Assembly.LoadFrom(Path.Combine(ToolsDirectory, "WitBindgen.WitParser.dll"));
        var features = (Features ?? string.Empty).Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(f => f.Trim()).ToList();
        var optionsType = parser.GetType("WitBindgen.WitParser.WitOptions", true);
        var options = Activator.CreateInstance(optionsType);
        optionsType.GetProperty("Features").SetValue(options, features.Where(f => f != "*").ToArray());
        optionsType.GetProperty("AllFeatures").SetValue(options, features.Contains("*"));
        var result = parser.GetType("WitBindgen.WitParser.Wit", true).GetMethod("Load").Invoke(null, new[] { Source.TrimEnd('/', '\\'), options });
        var resolve = Get(result, "Resolve");
        var main = Get(result, "MainPackage");
        if (!(bool)Get(result, "Success") || resolve is null || main is null)
        {
            // The generator reports the WIT's errors, at their place; nothing to write.
            Log.LogMessage(MessageImportance.Normal, "WitBindgen: no component type written for " + Source + ": the WIT does not resolve");
            return true;
        }

        var package = Index(resolve, main);
        var packageName = Get(package, "Name");
        var requested = (Worlds ?? string.Empty).Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim()).ToList();
        if (requested.Count == 0)
        {
            var worlds = ((IEnumerable)Get(Get(package, "Worlds"), "Keys")).Cast<string>().ToList();
            if (worlds.Count != 1)
            {
                // No world, or several without a choice: the generator reports it.
                return true;
            }

            requested.Add(worlds[0]);
        }

        var encoding = string.Equals(StringEncoding, "utf16", StringComparison.OrdinalIgnoreCase) || string.Equals(StringEncoding, "utf-16", StringComparison.OrdinalIgnoreCase) ? "utf16" : "utf8";
        var print = parser.GetType("WitBindgen.WitParser.Output.WitPrinter", true).GetMethod("Print", new[] { resolve.GetType(), main.GetType() });
        var text = (string)print.Invoke(null, new[] { resolve, main });
        var find = resolve.GetType().GetMethod("FindWorld");
        var files = new List<ITaskItem>();
        foreach (var world in requested)
        {
            if (find.Invoke(resolve, new[] { main, world }) is null)
            {
                continue;
            }

            // A plain name is a world of the main package: qualify it as the component model names worlds.
            var version = Get(packageName, "Version");
            var name = world.IndexOf('/') >= 0 ? world : Get(packageName, "Unversioned") + "/" + world + (version is null ? string.Empty : "@" + version);
            var path = Path.Combine(Directory, new string(name.Select(c => c == ':' || c == '/' || c == '@' ? '-' : c).ToArray()) + ".wit");
            var content = "// The component type of world " + name + " (" + encoding + " strings), written by WitBindgen for the linker.\n" + text;
            System.IO.Directory.CreateDirectory(Directory);
            if (!File.Exists(path) || File.ReadAllText(path) != content)
            {
                File.WriteAllText(path, content);
            }

            var item = new TaskItem(path);
            item.SetMetadata("World", name);
            item.SetMetadata("StringEncoding", encoding);
            files.Add(item);
        }

        Files = files.ToArray();
        return !Log.HasLoggedErrors;
    }
}
