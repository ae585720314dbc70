// Calls a plugin component (world test:plugins/plugin-world@0.1.0, tests/components/wit/plugin.wit).
using Wasmtime.Components;

namespace WitBindgen.Components.Tests;

/// <summary>Helpers for the `plugin` interface.</summary>
public static class PluginTests
{
    /// <summary>The interface every plugin exports.</summary>
    public const string Plugin = "test:plugins/plugin@0.1.0";

    /// <summary>A fresh instance of a plugin component (plugins import nothing but, maybe, WASI).</summary>
    public static WasmtimeGuest Open(string file) => new(file, withHost: false);

    /// <summary>name()</summary>
    public static string Name(this WasmtimeGuest g) => g.Call(Plugin, "name").AsString();

    /// <summary>run(input) as (ok?, payload).</summary>
    public static (bool Ok, string Text) Run(this WasmtimeGuest g, string input)
    {
        var r = g.Call(Plugin, "run", ComponentValue.String(input));
        return (r.IsOk, r.Payload!.AsString());
    }
}
