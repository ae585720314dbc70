using WitBindgen.WitParser.Text;

namespace WitBindgen.Composition;

/// <summary>
/// Thrown when a composition plan cannot be written as one component binary: a package uses something the encoder
/// does not copy (a type import, a resource it defines in an import's type, ...), or the encoded component is invalid,
/// for example because an argument's type does not match the import it satisfies. The message names the instance,
/// import or export at fault; <see cref="Location"/> is its statement in the composition file when there is one.
/// </summary>
public sealed class CompositionEncodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public CompositionEncodingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, e.g. the validator's <see cref="Runtime.ComponentFormatException"/>.</param>
    public CompositionEncodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal CompositionEncodingException(string message, SourceLocation? location, Exception? innerException = null)
        : base(message, innerException)
    {
        Location = location;
    }

    /// <summary>The statement of the composition file at fault (the instance's <c>let</c>), when known.</summary>
    public SourceLocation? Location { get; }
}
