namespace WitBindgen.Cli.Commands;

/// <summary>Where a command writes: results to <see cref="Out"/>, diagnostics and progress to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="ErrorIsTerminal">Whether <see cref="Error"/> is an interactive terminal (progress is shown only there).</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    /// <summary>Writes <c>error: message</c> to standard error and returns <see cref="ExitCodes.Failure"/>.</summary>
    public int Fail(string message)
    {
        Error.WriteLine($"error: {message}");
        return ExitCodes.Failure;
    }

    /// <summary>Reads a file, or writes why it cannot and returns null.</summary>
    public byte[]? ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Fail($"cannot read `{path}`: {e.Message}");
            return null;
        }
    }
}
