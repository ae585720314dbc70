using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// Advances an engine's epoch on a timer while at least one instance with a call deadline lives: deadlines are checked
/// when guest code reaches its epoch deadline, so their precision is the interval. No timer runs otherwise.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    private readonly Engine _engine;
    private readonly TimeSpan _interval;
    private readonly object _lock = new();
    private Timer? _timer;
    private int _users;
    private bool _disposed;

    public EpochTicker(Engine engine, TimeSpan interval)
    {
        _engine = engine;
        _interval = interval;
    }

    /// <summary>Starts the timer for one more user.</summary>
    public void Acquire()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_users++ == 0)
            {
                _timer = new Timer(static s => ((EpochTicker)s!).Tick(), this, _interval, _interval);
            }
        }
    }

    /// <summary>Stops the timer when its last user is gone.</summary>
    public void Release()
    {
        lock (_lock)
        {
            if (_users > 0 && --_users == 0)
            {
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    /// <summary>Advances the epoch now (a cancellation wants running guest code to stop without waiting for a tick).</summary>
    public void Tick()
    {
        // Under the lock: the runtime disposes this before the engine, so a tick or a cancellation on its way never
        // reaches a freed engine.
        lock (_lock)
        {
            if (!_disposed)
            {
                _engine.IncrementEpoch();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _users = 0;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
