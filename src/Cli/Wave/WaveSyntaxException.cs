namespace WitBindgen.Cli.Wave;

/// <summary>WAVE text that does not parse as a value of the expected type; <see cref="Column"/> locates it.</summary>
internal sealed class WaveSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, without the location.</param>
    /// <param name="column">The 1-based column (in UTF-16 code units) where it is wrong.</param>
    public WaveSyntaxException(string reason, int column)
        : base($"column {column}: {reason}")
    {
        Reason = reason;
        Column = column;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The 1-based column where it is wrong.</summary>
    public int Column { get; }
}
