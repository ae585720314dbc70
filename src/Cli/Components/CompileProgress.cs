using System.Diagnostics;
using System.Globalization;

namespace WitBindgen.Cli.Components;

/// <summary>
/// A one-line status on an interactive standard error while core modules compile ("compiling core module 2 of 3,
/// 11.9 MB, 4.2 s"), redrawn a few times a second and erased when done. It shows only after half a second, so small
/// components print nothing; with a redirected standard error it is never shown.
/// </summary>
internal sealed class CompileProgress : IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private readonly TextWriter? _error;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private readonly object _lock = new();
    private string _status = "";
    private bool _drawn;

    /// <summary>Starts the status on <paramref name="error"/> when <paramref name="enabled"/>.</summary>
    public CompileProgress(TextWriter error, bool enabled)
    {
        if (enabled)
        {
            _error = error;
            _timer = new Timer(_ => Draw(), null, Delay, TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Sets what is being done now.</summary>
    public void Report(string status)
    {
        lock (_lock)
        {
            _status = status;
        }
    }

    private void Draw()
    {
        lock (_lock)
        {
            if (_error is null || _status.Length == 0)
            {
                return;
            }

            var seconds = _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            _error.Write($"\r\u001b[K{_status}, {seconds} s");
            _error.Flush();
            _drawn = true;
        }
    }

    /// <summary>Stops the status and erases it.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            if (_drawn)
            {
                _error!.Write("\r\u001b[K");
                _error.Flush();
            }

            _status = "";
        }
    }
}
