using WitBindgen.Runtime;

namespace WitBindgen.Wasi;

/// <summary>
/// The capabilities a WASI 0.2 guest gets: arguments, environment, standard streams, preopened directories,
/// clocks and randomness. A new configuration grants nothing: no arguments, no environment variables, an empty
/// stdin, stdout and stderr discarded, no preopened directories and no network; clocks and randomness are the
/// host's real ones until replaced with <see cref="WithWallClock"/>, <see cref="WithMonotonicClock"/> or
/// <see cref="WithRandom"/>.
/// </summary>
/// <example>
/// <code>
/// HostImports wasi = new WasiConfiguration()
///     .WithArgs("app", "--verbose")
///     .WithEnvironment("HOME", "/data")
///     .WithStdout(Console.OpenStandardOutput())
///     .WithPreopenedDirectory("/srv/app-data", "/data", WasiDirectoryAccess.ReadWrite)
///     .Build();
/// using var instance = component.Instantiate(wasi);
/// </code>
/// </example>
public sealed class WasiConfiguration
{
    private readonly List<string> _args = new();
    private readonly List<KeyValuePair<string, string>> _environment = new();
    private readonly List<WasiPreopen> _preopens = new();

    /// <summary>The arguments (the first is conventionally the program name).</summary>
    public IReadOnlyList<string> Args => _args;

    /// <summary>The environment variables, in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment => _environment;

    /// <summary>The preopened directories.</summary>
    public IReadOnlyList<WasiPreopen> PreopenedDirectories => _preopens;

    /// <summary>The guest's standard input, or null for an empty one.</summary>
    public Stream? Stdin { get; private set; }

    /// <summary>The guest's standard output, or null to discard it.</summary>
    public Stream? Stdout { get; private set; }

    /// <summary>The guest's standard error, or null to discard it.</summary>
    public Stream? Stderr { get; private set; }

    /// <summary>What <c>wasi:cli/environment.initial-cwd</c> reports, or null for none.</summary>
    public string? InitialWorkingDirectory { get; private set; }

    /// <summary>The wall clock, or null for the host's (<see cref="DateTimeOffset.UtcNow"/>).</summary>
    public Func<DateTimeOffset>? WallClock { get; private set; }

    /// <summary>The monotonic clock in nanoseconds, or null for the host's (<see cref="System.Diagnostics.Stopwatch"/>).</summary>
    public Func<ulong>? MonotonicClock { get; private set; }

    /// <summary>The source of every random byte, or null for the host's (a cryptographic generator for <c>wasi:random/random</c>).</summary>
    public System.Random? Random { get; private set; }

    /// <summary>The caps on what one guest instance may hold or produce.</summary>
    public WasiLimits Limits { get; private set; } = WasiLimits.Default;

    /// <summary>
    /// Whether file timestamps are shown to the guest, or null for the default: shown when the wall clock is the
    /// host's, hidden (reported as none) when <see cref="WithWallClock"/> replaced it.
    /// </summary>
    public bool? FileTimestamps { get; private set; }

    /// <summary>How paths are resolved (tests force the walk that kernels without <c>openat2</c> use).</summary>
    internal Filesystem.PathResolution Resolution { get; set; }

    /// <summary>Called with a WASI function's name as it starts; tests make it throw to check nothing escapes.</summary>
    internal Action<string>? FaultInjector { get; set; }

    /// <summary>Replaces the arguments.</summary>
    /// <param name="args">The arguments; the first is conventionally the program name.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithArgs(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _args.Clear();
        foreach (var arg in args)
        {
            _args.Add(arg ?? throw new ArgumentException("An argument is null.", nameof(args)));
        }

        return this;
    }

    /// <summary>Adds one environment variable.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="value">The variable's value.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithEnvironment(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Contains('='))
        {
            throw new ArgumentException("An environment variable's name cannot contain '='.", nameof(name));
        }

        _environment.Add(new(name, value));
        return this;
    }

    /// <summary>Adds environment variables.</summary>
    /// <param name="variables">The variables to add.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        foreach (var (name, value) in variables)
        {
            WithEnvironment(name, value);
        }

        return this;
    }

    /// <summary>Adds every environment variable of the host process (this grants the guest whatever they contain).</summary>
    /// <returns>This configuration.</returns>
    public WasiConfiguration InheritEnvironment()
    {
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.Length > 0 && !name.Contains('=') && entry.Value is string value)
            {
                _environment.Add(new(name, value));
            }
        }

        return this;
    }

    /// <summary>Sets what <c>initial-cwd</c> reports (a guest path, normally one of the preopens' guest paths).</summary>
    /// <param name="path">The guest path, or null for none.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithInitialWorkingDirectory(string? path)
    {
        InitialWorkingDirectory = path;
        return this;
    }

    /// <summary>Sets the guest's standard input. The host keeps ownership of the stream.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithStdin(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stdin stream must be readable.", nameof(stream));
        }

        Stdin = stream;
        return this;
    }

    /// <summary>Sets the guest's standard output. The host keeps ownership of the stream.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithStdout(Stream stream)
    {
        Stdout = Writable(stream);
        return this;
    }

    /// <summary>Sets the guest's standard error. The host keeps ownership of the stream.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithStderr(Stream stream)
    {
        Stderr = Writable(stream);
        return this;
    }

    /// <summary>Gives the guest this process's standard input, output and error.</summary>
    /// <returns>This configuration.</returns>
    public WasiConfiguration InheritStdio()
    {
        Stdin = Console.OpenStandardInput();
        Stdout = Console.OpenStandardOutput();
        Stderr = Console.OpenStandardError();
        return this;
    }

    /// <summary>
    /// Grants the guest a host directory, which it sees under <paramref name="guestPath"/> in
    /// <c>wasi:filesystem/preopens.get-directories</c>. Paths are resolved inside it only, on open directory handles:
    /// absolute paths, <c>..</c> above it and symbolic links leading out of it fail with <c>not-permitted</c>.
    /// The directory is identified when the host is made (<see cref="CreateHost"/>, <see cref="Build"/>); this needs
    /// Linux on x64 or arm64.
    /// </summary>
    /// <param name="hostPath">An existing host directory.</param>
    /// <param name="guestPath">The name the guest knows it by, such as <c>/data</c> or <c>.</c>.</param>
    /// <param name="access">Whether the guest may change what is below the directory.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="DirectoryNotFoundException">The host directory does not exist.</exception>
    public WasiConfiguration WithPreopenedDirectory(string hostPath, string guestPath, WasiDirectoryAccess access = WasiDirectoryAccess.ReadOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostPath);
        ArgumentException.ThrowIfNullOrEmpty(guestPath);
        if (access is not (WasiDirectoryAccess.ReadOnly or WasiDirectoryAccess.ReadWrite))
        {
            throw new ArgumentOutOfRangeException(nameof(access));
        }

        var full = Path.GetFullPath(hostPath);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The directory '{full}' does not exist.");
        }

        _preopens.Add(new WasiPreopen(full, guestPath, access));
        return this;
    }

    /// <summary>Replaces the wall clock (<c>wasi:clocks/wall-clock</c>).</summary>
    /// <param name="now">Returns the current time.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithWallClock(Func<DateTimeOffset> now)
    {
        WallClock = now ?? throw new ArgumentNullException(nameof(now));
        return this;
    }

    /// <summary>
    /// Replaces the monotonic clock (<c>wasi:clocks/monotonic-clock</c>). Blocking on a pollable for an instant
    /// waits in real time for the remaining difference and reads the clock again, so the clock must advance.
    /// </summary>
    /// <param name="nowNanoseconds">Returns the current instant in nanoseconds; must never decrease.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithMonotonicClock(Func<ulong> nowNanoseconds)
    {
        MonotonicClock = nowNanoseconds ?? throw new ArgumentNullException(nameof(nowNanoseconds));
        return this;
    }

    /// <summary>
    /// Replaces every source of randomness (<c>wasi:random/random</c>, <c>insecure</c> and <c>insecure-seed</c>)
    /// with <paramref name="random"/>, typically a seeded <see cref="System.Random"/> for reproducible runs.
    /// The guest's "secure" random bytes are then only as good as this generator.
    /// </summary>
    /// <param name="random">The generator.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithRandom(System.Random random)
    {
        Random = random ?? throw new ArgumentNullException(nameof(random));
        return this;
    }

    /// <summary>Replaces the caps on what one guest instance may hold or produce (<see cref="WasiLimits.Default"/> until then).</summary>
    /// <param name="limits">The caps; each must be positive.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithLimits(WasiLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        Limits = limits;
        return this;
    }

    /// <summary>
    /// Shows or hides file timestamps. Hidden, <c>stat</c> reports no access, modification or status-change time, so a
    /// guest whose wall clock was replaced cannot read the host's real clock from the files it writes. By default they
    /// are shown exactly when the wall clock is the host's.
    /// </summary>
    /// <param name="visible">Whether the guest sees the files' timestamps.</param>
    /// <returns>This configuration.</returns>
    public WasiConfiguration WithFileTimestamps(bool visible)
    {
        FileTimestamps = visible;
        return this;
    }

    /// <summary>Creates a host with a snapshot of this configuration, identifying the preopened directories.</summary>
    /// <returns>The host.</returns>
    /// <exception cref="PlatformNotSupportedException">Directories are preopened on a platform other than Linux on x64 or arm64.</exception>
    public WasiHost CreateHost() => new(this);

    /// <summary>The WASI imports for a component instantiation (<c>LoadedComponent.Instantiate</c> or a generated world's providers).</summary>
    /// <returns>Definitions of every interface of <c>wasi:cli/imports@0.2.12</c>.</returns>
    public HostImports Build() => CreateHost().ToHostImports();

    private static Stream Writable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.CanWrite ? stream : throw new ArgumentException("The stream must be writable.", nameof(stream));
    }
}

/// <summary>A host directory granted to the guest.</summary>
/// <param name="HostPath">The full host path.</param>
/// <param name="GuestPath">The name the guest knows it by.</param>
/// <param name="Access">What the guest may do below it.</param>
public sealed record WasiPreopen(string HostPath, string GuestPath, WasiDirectoryAccess Access);
