using System.Runtime.CompilerServices;
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

    /// <summary>
    /// The limits of every instance the runtime creates, unless an instantiation names its own
    /// (<see cref="LoadedComponent.Instantiate(HostImports?, ComponentLimits?)"/>). Null: no limits. When they set
    /// <see cref="ComponentLimits.FuelPerCall"/>, <see cref="ComponentLimits.CallTimeout"/> or a cancellation token,
    /// the engine is built with fuel metering or epoch interruption (see <see cref="EnableFuel"/> and
    /// <see cref="EnableInterruption"/>).
    /// </summary>
    public ComponentLimits? Limits { get; init; }

    /// <summary>
    /// Builds the engine with fuel metering, so that instantiations may set <see cref="ComponentLimits.FuelPerCall"/>
    /// even when <see cref="Limits"/> does not. Metering slows all guest code down, so it is off unless asked for.
    /// </summary>
    public bool EnableFuel { get; init; }

    /// <summary>
    /// Builds the engine with epoch interruption, so that instantiations may set <see cref="ComponentLimits.CallTimeout"/>
    /// or a <see cref="ComponentLimits.CancellationToken"/> even when <see cref="Limits"/> does not. Guest code then
    /// checks a counter at every loop head and function entry, so it is off unless asked for.
    /// </summary>
    public bool EnableInterruption { get; init; }

    /// <summary>
    /// How often the engine's epoch advances while an instance with a <see cref="ComponentLimits.CallTimeout"/> lives:
    /// the precision of deadlines. 10 ms unless set.
    /// </summary>
    public TimeSpan EpochInterval { get; init; } = TimeSpan.FromMilliseconds(10);
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
    private readonly Interop.EpochTicker? _ticker;

    /// <summary>Creates a runtime with its own Wasmtime engine.</summary>
    /// <exception cref="NotSupportedException">
    /// The Wasmtime .NET package loaded is not one the runtime supports (it reads some of its private members, written
    /// for the versions <c>[50.0.1, 51)</c>); the message names the version found and what it lacks.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit of <see cref="ComponentRuntimeOptions.Limits"/> is negative, or the epoch interval is not positive.</exception>
    public ComponentRuntime(ComponentRuntimeOptions? options = null)
    {
        Interop.WasmtimeInternals.EnsureSupported();
        Limits = options?.Limits;
        Limits?.Validate();
        FuelEnabled = options is { EnableFuel: true } || Limits is { NeedsFuel: true };
        InterruptionEnabled = options is { EnableInterruption: true } || Limits is { NeedsInterruption: true };
        Engine = CreateEngine(FuelEnabled, InterruptionEnabled);

        if (InterruptionEnabled)
        {
            var interval = options?.EpochInterval ?? TimeSpan.FromMilliseconds(10);
            if (interval <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), interval, "the epoch interval must be positive");
            }

            _ticker = new Interop.EpochTicker(Engine, interval);
        }

        _cacheDirectory = options?.CacheDirectory;
        if (_cacheDirectory is not null)
        {
            Directory.CreateDirectory(_cacheDirectory);
        }
    }

    /// <summary>The Wasmtime engine that compiles and runs the core modules.</summary>
    public Engine Engine { get; }

    /// <summary>The limits every instance gets unless its instantiation names others (<see cref="ComponentRuntimeOptions.Limits"/>).</summary>
    public ComponentLimits? Limits { get; }

    /// <summary>Whether the engine meters fuel (<see cref="ComponentRuntimeOptions.EnableFuel"/>).</summary>
    public bool FuelEnabled { get; }

    /// <summary>Whether the engine checks epochs, for deadlines and cancellation (<see cref="ComponentRuntimeOptions.EnableInterruption"/>).</summary>
    public bool InterruptionEnabled { get; }

    /// <summary>The timer that advances the epoch while instances with deadlines live; null without epoch interruption.</summary>
    internal Interop.EpochTicker? Ticker => _ticker;

    /// <summary>How many core modules were compiled (not served from a cache) by this runtime.</summary>
    public int CompiledModules { get; private set; }

    /// <summary>Reads a component binary, validates it and compiles its core modules.</summary>
    /// <exception cref="ComponentFormatException">The binary is malformed, or the component is invalid.</exception>
    public LoadedComponent Load(ReadOnlyMemory<byte> bytes)
    {
        var definition = Validation.ValidatedDefinitions.Get(bytes);
        var modules = Validation.CoreModuleCompilation.Compile(definition, this);
        return new LoadedComponent(this, definition, modules);
    }

    /// <summary>Loads a component from component text (WAT).</summary>
    /// <exception cref="FormatException">The text does not parse (see <see cref="WatText.ToBinary"/>).</exception>
    public LoadedComponent LoadText(string text) => Load(WatText.ToBinary(text));

    /// <summary>Loads a component file.</summary>
    public LoadedComponent LoadFile(string path) => Load(File.ReadAllBytes(path));

    /// <summary>
    /// The engine: guest code runs on the caller's stack, bounded by <see cref="Interop.ThreadStack.GuestStackBytes"/>
    /// (which the stack check sizes itself by); fuel and epochs only when asked for, since they slow all guest code.
    /// Linear memories never move (<see cref="Interop.FixedMemories"/>), so the runtime's cached view of a memory
    /// keeps its base address for the memory's life.
    /// </summary>
    private static Engine CreateEngine(bool fuel, bool epochs)
    {
        var config = new Config(); // the engine takes it over
        config.WithMaximumStackSize(Interop.ThreadStack.GuestStackBytes);
        Interop.FixedMemories.Configure(config);
        if (fuel)
        {
            config.WithFuelConsumption(true);
        }

        if (epochs)
        {
            config.WithEpochInterruption(true);
        }

        return new Engine(config);
    }

    /// <summary>The modules of wasm adapters, by their text (the same component gives the same texts every time).</summary>
    private readonly Dictionary<string, Module> _adapterModules = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether links between two instances of one instantiation (siblings in a composed binary) whose types allow it
    /// are compiled to wasm adapters (<see cref="Linking.Adapters.WasmAdapter"/>); false keeps every link on the
    /// host-side adapter. For tests and benchmarks that compare the two.
    /// </summary>
    internal bool WasmAdapters { get; set; } = true;

    /// <summary>How many wasm adapters instantiations on this runtime have created (for tests).</summary>
    internal int WasmAdaptersCreated { get; set; }

    /// <summary>The compiled module of a wasm adapter's text, converted and compiled once per text.</summary>
    internal Module GetAdapterModule(string text)
    {
        lock (_lock)
        {
            if (_adapterModules.TryGetValue(text, out var cached))
            {
                return cached;
            }
        }

        var module = GetModule(WatText.ToBinary(text));
        lock (_lock)
        {
            _adapterModules[text] = module;
        }

        return module;
    }

    /// <summary>The content key of each core module definition (its SHA-256), computed once per definition.</summary>
    private static readonly ConditionalWeakTable<CoreModuleItem, string> ModuleKeys = new();

    /// <summary>Returns the compiled module of a core module definition, compiling at most once per content.</summary>
    internal Module GetModule(CoreModuleItem module) =>
        GetModule(module.Bytes, ModuleKeys.GetValue(module, static m => ContentKey(m.Bytes)));

    /// <summary>Returns the compiled module for core module bytes, compiling at most once per content.</summary>
    internal Module GetModule(ReadOnlyMemory<byte> bytes) => GetModule(bytes, ContentKey(bytes));

    /// <summary>The key binaries are found by content with (core modules here, validated components in <see cref="Validation.ValidatedDefinitions"/>): the SHA-256 of the bytes, in hex.</summary>
    internal static string ContentKey(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes.Span));

    private Module GetModule(ReadOnlyMemory<byte> bytes, string key)
    {
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
            _adapterModules.Clear();
        }

        _ticker?.Dispose();
        Engine.Dispose();
    }
}

/// <summary>A component that has been read and whose core modules are compiled.</summary>
public sealed class LoadedComponent
{
    internal LoadedComponent(ComponentRuntime runtime, ComponentDefinition definition, Dictionary<CoreModuleItem, Module> modules)
    {
        Runtime = runtime;
        Definition = definition;
        Modules = modules;
    }

    /// <summary>The runtime that loaded it.</summary>
    public ComponentRuntime Runtime { get; }

    /// <summary>The decoded component.</summary>
    internal ComponentDefinition Definition { get; }

    /// <summary>The compiled module of each core module definition (nested components' too), compiled or found at load.</summary>
    internal Dictionary<CoreModuleItem, Module> Modules { get; }

    /// <summary>The names of the component's imports.</summary>
    public IEnumerable<string> ImportNames => Definition.Imports.Select(i => i.Name.Name);

    /// <summary>
    /// Instantiates the component in a new store. Every import must be provided by
    /// <paramref name="imports"/>; a missing one is reported by name before any guest code runs.
    /// </summary>
    public ComponentInstance Instantiate(HostImports? imports) =>
        Instantiation.Instantiator.Instantiate(this, imports ?? new HostImports(), null, Runtime.Limits);

    /// <summary>
    /// Instantiates the component with its own limits, as <see cref="Instantiate(HostImports?)"/> does; null limits
    /// mean none (not the runtime's <see cref="ComponentRuntimeOptions.Limits"/>).
    /// </summary>
    /// <param name="imports">The imports (every import of the component must be provided).</param>
    /// <param name="limits">What the instance may use (see docs/limits.md).</param>
    /// <returns>The instance.</returns>
    /// <exception cref="InvalidOperationException">The limits ask for fuel or interruption, which the runtime's engine was built without.</exception>
    /// <exception cref="ComponentTrapException">Instantiating went past a limit (for example <see cref="ComponentTrapKind.InstanceLimit"/>).</exception>
    public ComponentInstance Instantiate(HostImports? imports, ComponentLimits? limits) =>
        Instantiation.Instantiator.Instantiate(this, imports ?? new HostImports(), null, limits);

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
        return Instantiation.Instantiator.Instantiate(this, imports ?? new HostImports(), world, Runtime.Limits);
    }

    /// <summary>
    /// Instantiates the component for the WIT world <paramref name="world"/> with its own limits (null: none), as
    /// <see cref="Instantiate(HostImports?, string)"/> and <see cref="Instantiate(HostImports?, ComponentLimits?)"/> do.
    /// Generated bindings call this.
    /// </summary>
    /// <param name="imports">The imports (every import of the component must be provided).</param>
    /// <param name="world">The WIT world the component targets (its name, as written in the WIT).</param>
    /// <param name="limits">What the instance may use (see docs/limits.md).</param>
    /// <returns>The instance.</returns>
    /// <exception cref="ComponentLinkException">An import is missing (named in the message) or has the wrong kind.</exception>
    /// <exception cref="InvalidOperationException">The limits ask for fuel or interruption, which the runtime's engine was built without.</exception>
    public ComponentInstance Instantiate(HostImports? imports, string world, ComponentLimits? limits)
    {
        ArgumentException.ThrowIfNullOrEmpty(world);
        return Instantiation.Instantiator.Instantiate(this, imports ?? new HostImports(), world, limits);
    }
}
