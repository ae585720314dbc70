using System.Security.Cryptography;
using Wasmtime;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime;

/// <summary>Options for a <see cref="ComponentRuntime"/>.</summary>
public sealed class ComponentRuntimeOptions
{
    /// <summary>
    /// A folder where compiled core modules are kept (<c>Module.Serialize</c>) so that loading the
    /// same component again skips compilation. Null keeps the cache in memory only.
    /// </summary>
    public string? CacheDirectory { get; init; }
}

/// <summary>
/// Runs WebAssembly components on Wasmtime's core API: it reads the component binary, compiles its
/// core modules (cached) and instantiates them with this project's own canonical ABI.
/// </summary>
public sealed class ComponentRuntime : IDisposable
{
    private readonly Dictionary<string, Module> _modules = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly string? _cacheDirectory;

    /// <summary>Creates a runtime with its own Wasmtime engine.</summary>
    /// <exception cref="NotSupportedException">
    /// The Wasmtime .NET package loaded is not one the runtime supports (it reads some of its private members, written
    /// for the versions <c>[50.0.1, 51)</c>); the message names the version found and what it lacks.
    /// </exception>
    public ComponentRuntime(ComponentRuntimeOptions? options = null)
    {
        Interop.WasmtimeInternals.EnsureSupported();
        Engine = new Engine(new Config());
        _cacheDirectory = options?.CacheDirectory;
        if (_cacheDirectory is not null)
        {
            Directory.CreateDirectory(_cacheDirectory);
        }
    }

    /// <summary>The Wasmtime engine that compiles and runs the core modules.</summary>
    public Engine Engine { get; }

    /// <summary>How many core modules were compiled (not served from a cache) by this runtime.</summary>
    public int CompiledModules { get; private set; }

    /// <summary>Reads a component binary, validates it and compiles its core modules.</summary>
    /// <exception cref="ComponentFormatException">The binary is malformed, or the component is invalid.</exception>
    public LoadedComponent Load(ReadOnlyMemory<byte> bytes)
    {
        var definition = ComponentReader.Read(bytes);
        Validation.ComponentValidator.Validate(definition);
        Validation.CoreModuleCompilation.Compile(definition, this);
        return new LoadedComponent(this, definition);
    }

    /// <summary>Loads a component from component text (WAT).</summary>
    /// <exception cref="FormatException">The text does not parse (see <see cref="WatText.ToBinary"/>).</exception>
    public LoadedComponent LoadText(string text) => Load(WatText.ToBinary(text));

    /// <summary>Loads a component file.</summary>
    public LoadedComponent LoadFile(string path) => Load(File.ReadAllBytes(path));

    /// <summary>Returns the compiled module for core module bytes, compiling at most once per content.</summary>
    internal Module GetModule(ReadOnlyMemory<byte> bytes)
    {
        var key = Convert.ToHexString(SHA256.HashData(bytes.Span));
        lock (_lock)
        {
            if (_modules.TryGetValue(key, out var module))
            {
                return module;
            }

            module = LoadCached(key) ?? Compile(key, bytes);
            _modules[key] = module;
            return module;
        }
    }

    private Module? LoadCached(string key)
    {
        if (_cacheDirectory is null)
        {
            return null;
        }

        var path = Path.Combine(_cacheDirectory, key + ".cwasm");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return Module.DeserializeFile(Engine, key, path);
        }
        catch (WasmtimeException)
        {
            // A stale or foreign cache entry: compile afresh.
            return null;
        }
    }

    private Module Compile(string key, ReadOnlyMemory<byte> bytes)
    {
        // Validating alone costs about a hundredth of compiling: a module whose code is invalid is refused before any
        // compilation work (Wasmtime would otherwise find the bad function only while compiling in parallel).
        if (Module.Validate(Engine, bytes.Span) is { } error)
        {
            throw new WasmtimeException(error);
        }

        var module = Module.FromBytes(Engine, key, bytes.Span);
        CompiledModules++;
        if (_cacheDirectory is not null)
        {
            Store(key, module);
        }

        return module;
    }

    /// <summary>
    /// Writes a compiled module to the cache folder under a unique temporary name, then moves it into place: other
    /// runtimes (in this process or another) sharing the folder see a whole file or none. The cache only saves time, so a
    /// write that fails (a full disk, a folder removed) is left out rather than failing the load.
    /// </summary>
    private void Store(string key, Module module)
    {
        var path = Path.Combine(_cacheDirectory!, key + ".cwasm");
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temp, module.Serialize());
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var module in _modules.Values)
            {
                module.Dispose();
            }

            _modules.Clear();
        }

        Engine.Dispose();
    }
}

/// <summary>A component that has been read and whose core modules are compiled.</summary>
public sealed class LoadedComponent
{
    internal LoadedComponent(ComponentRuntime runtime, ComponentDefinition definition)
    {
        Runtime = runtime;
        Definition = definition;
    }

    /// <summary>The runtime that loaded it.</summary>
    public ComponentRuntime Runtime { get; }

    /// <summary>The decoded component.</summary>
    internal ComponentDefinition Definition { get; }

    /// <summary>The names of the component's imports.</summary>
    public IEnumerable<string> ImportNames => Definition.Imports.Select(i => i.Name.Name);

    /// <summary>
    /// Instantiates the component in a new store. Every import must be provided by
    /// <paramref name="imports"/>; a missing one is reported by name before any guest code runs.
    /// </summary>
    public ComponentInstance Instantiate(HostImports? imports) =>
        Instantiation.Instantiator.Instantiate(this, imports ?? new HostImports(), null);

    /// <summary>Instantiates a component that has no imports, as <see cref="Instantiate(HostImports?)"/> with none.</summary>
    public ComponentInstance Instantiate() => Instantiate(null);

    /// <summary>
    /// Instantiates the component for the WIT world <paramref name="world"/>, as <see cref="Instantiate(HostImports?)"/>
    /// does; exceptions then name the instance by its world ("the instance of world 'plugin' has been disposed").
    /// Generated bindings call this.
    /// </summary>
    /// <param name="imports">The imports (every import of the component must be provided).</param>
    /// <param name="world">The WIT world the component targets (its name, as written in the WIT).</param>
    /// <returns>The instance.</returns>
    /// <exception cref="ComponentLinkException">An import is missing (named in the message) or has the wrong kind.</exception>
    public ComponentInstance Instantiate(HostImports? imports, string world)
    {
        ArgumentException.ThrowIfNullOrEmpty(world);
        return Instantiation.Instantiator.Instantiate(this, imports ?? new HostImports(), world);
    }
}
