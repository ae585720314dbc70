using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace WitBindgen.Runtime.Abi;

/// <content>
/// The null checks generated bindings make before lowering a value whose C# type admits null but whose WIT type
/// does not. (Not in <c>CanonicalAbi.Generated.cs</c>: the compiler treats files named <c>*.Generated.cs</c> as
/// generated code, without nullable annotations.)
/// </content>
public static partial class CanonicalAbi
{
    /// <summary>
    /// Throws <see cref="ArgumentNullException"/> when a value the host passes to a component (or returns to it from an
    /// import) is null where the WIT type has no null: generated bindings check every string, list, map, variant and
    /// resource they lower, <paramref name="what"/> naming the WIT item (<c>field 'name' of record 'person'</c>).
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="what">The WIT item, for the message "… must not be null".</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ThrowIfNull([NotNull] object? value, string what)
    {
        if (value is null)
        {
            ThrowNull(what, null);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentNullException"/> when the argument <paramref name="parameter"/> of a generated method is
    /// null where its WIT type has no null; <paramref name="what"/> names the WIT parameter and function
    /// (<c>parameter 'name' of function 'greet'</c>).
    /// </summary>
    /// <param name="value">The argument.</param>
    /// <param name="what">The WIT parameter and function, for the message "… must not be null".</param>
    /// <param name="parameter">The C# parameter (<see cref="ArgumentException.ParamName"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void ThrowIfNull([NotNull] object? value, string what, string parameter)
    {
        if (value is null)
        {
            ThrowNull(what, parameter);
        }
    }

    [DoesNotReturn]
    private static void ThrowNull(string what, string? parameter) => throw new ArgumentNullException(parameter, what + " must not be null");
}
