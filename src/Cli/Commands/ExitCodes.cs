namespace WitBindgen.Cli.Commands;

/// <summary>The process exit codes of every command (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>Diagnostics, an invalid input (WIT, component, WAVE), a failed call or a trap.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: an unknown command or option, a missing argument.</summary>
    public const int Usage = 2;
}
