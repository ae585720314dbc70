using System.Runtime.CompilerServices;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Guards the recursive walks over types: types nest through earlier definitions, and instantiation can
/// compose them further, so a hostile binary could nest deeply enough to exhaust the stack. A walk that runs
/// short of stack refuses the component instead.
/// </summary>
internal static class StackGuard
{
    /// <summary>Throws when too little stack is left to recurse further.</summary>
    /// <exception cref="ComponentFormatException">The type nests too deeply to be walked.</exception>
    public static void Enter()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ComponentFormatException("type nesting is too deep to be validated", 0);
        }
    }
}
