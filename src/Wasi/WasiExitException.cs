namespace WitBindgen.Wasi;

/// <summary>
/// Thrown out of a guest call when the guest calls <c>wasi:cli/exit</c>. The runtime passes host exceptions to
/// the caller unchanged, so the component call that led to the exit ends with this exception; the instance
/// should not be used afterwards.
/// </summary>
public sealed class WasiExitException : Exception
{
    /// <summary>Creates an exit exception with exit code 1.</summary>
    public WasiExitException()
        : this(1)
    {
    }

    /// <summary>Creates an exit exception with a message and exit code 1.</summary>
    /// <param name="message">The message.</param>
    public WasiExitException(string message)
        : base(message)
    {
        ExitCode = 1;
    }

    /// <summary>Creates an exit exception with a message, an inner exception and exit code 1.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public WasiExitException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = 1;
    }

    /// <summary>Creates an exit exception for an exit code.</summary>
    /// <param name="exitCode">The exit code the guest asked for (0 means success).</param>
    public WasiExitException(int exitCode)
        : base($"The component exited with code {exitCode}.")
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the guest asked for: 0 for <c>exit(ok)</c>, 1 for <c>exit(err)</c>, or the code given to <c>exit-with-code</c>.</summary>
    public int ExitCode { get; }
}
