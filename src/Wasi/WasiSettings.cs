using WitBindgen.Wasi.Clocks;
using WitBindgen.Wasi.Filesystem;

namespace WitBindgen.Wasi;

/// <summary>A snapshot of a <see cref="WasiConfiguration"/>, with the preopened directories opened.</summary>
internal sealed class WasiSettings
{
    public WasiSettings(WasiConfiguration configuration)
    {
        Args = configuration.Args.ToArray();
        Environment = configuration.Environment.Select(v => (v.Key, v.Value)).ToArray();
        InitialWorkingDirectory = configuration.InitialWorkingDirectory;
        Stdin = configuration.Stdin ?? Stream.Null;
        Stdout = configuration.Stdout ?? Stream.Null;
        Stderr = configuration.Stderr ?? Stream.Null;
        WallClock = configuration.WallClock ?? (() => DateTimeOffset.UtcNow);
        FileTimesVisible = configuration.FileTimestamps ?? configuration.WallClock is null;
        Monotonic = new MonotonicClockSource(configuration.MonotonicClock);
        Random = configuration.Random;
        Limits = configuration.Limits;
        Resolution = configuration.Resolution;
        FaultInjector = configuration.FaultInjector;
        Preopens = configuration.PreopenedDirectories.Select(Preopen.Open).ToArray();
    }

    public string[] Args { get; }

    public (string, string)[] Environment { get; }

    public string? InitialWorkingDirectory { get; }

    public Stream Stdin { get; }

    public Stream Stdout { get; }

    public Stream Stderr { get; }

    public Func<DateTimeOffset> WallClock { get; }

    /// <summary>Whether file timestamps are reported (see <see cref="WasiConfiguration.WithFileTimestamps"/>).</summary>
    public bool FileTimesVisible { get; }

    public MonotonicClockSource Monotonic { get; }

    public System.Random? Random { get; }

    public WasiLimits Limits { get; }

    public PathResolution Resolution { get; }

    public Action<string>? FaultInjector { get; }

    public Preopen[] Preopens { get; }
}
