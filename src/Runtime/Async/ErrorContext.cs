namespace WitBindgen.Runtime;

/// <summary>
/// A WIT <c>error-context</c>: an immutable value a component makes with <c>error-context.new</c> and passes on to
/// describe an error, carrying a debug message meant for people (CanonicalABI.md: its contents are not a stable
/// interface). Passing one to a component shares it: the component gets a handle in its table, which it drops with
/// <c>error-context.drop</c>; the host's object stays valid.
/// </summary>
public sealed class ErrorContext
{
    /// <summary>Creates an error context with a debug message, to pass to a component.</summary>
    /// <param name="debugMessage">The message <c>error-context.debug-message</c> gives back.</param>
    public ErrorContext(string debugMessage)
    {
        ArgumentNullException.ThrowIfNull(debugMessage);
        DebugMessage = debugMessage;
    }

    /// <summary>The debug message the component gave (or the host, for one it made).</summary>
    public string DebugMessage { get; }

    /// <inheritdoc/>
    public override string ToString() => $"error-context({DebugMessage})";
}
