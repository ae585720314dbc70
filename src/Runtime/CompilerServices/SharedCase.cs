using System.ComponentModel;
namespace WitBindgen.Runtime.CompilerServices;

/// <summary>
/// One shared instance of a payload-less variant case class (generated case classes are immutable records),
/// so that lifting such a case allocates nothing.
/// </summary>
/// <typeparam name="T">The generated case class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SharedCase<T>
    where T : class, new()
{
    /// <summary>The shared instance.</summary>
    public static readonly T Value = new();
}
