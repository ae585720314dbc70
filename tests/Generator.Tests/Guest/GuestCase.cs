using WitBindgen.Runtime.Abi;

namespace WitBindgen.Generator.Tests.Guest;

/// <summary>
/// One call of a harness function: the values as the host passes them (<see cref="WitValue"/>s) and the same values
/// as the guest sees them (C# expressions compiled into the guest assembly, written independently).
/// </summary>
/// <param name="Module">The interface instance (<c>$root</c> for the world's own functions).</param>
/// <param name="Name">The WIT function name.</param>
/// <param name="Parameters">The parameter types, as the runtime's descriptors.</param>
/// <param name="Result">The result type, if any.</param>
/// <param name="HostArguments">The arguments as WIT values.</param>
/// <param name="GuestArguments">The arguments as C# expressions.</param>
/// <param name="HostResult">The result as a WIT value.</param>
/// <param name="GuestResult">The result as a C# expression.</param>
/// <param name="ImportClass">The C# class of the import wrappers.</param>
/// <param name="Method">The C# method name.</param>
public sealed record GuestCase(
    string Module,
    string Name,
    AbiType[] Parameters,
    AbiType? Result,
    WitValue[] HostArguments,
    string[] GuestArguments,
    WitValue? HostResult,
    string? GuestResult,
    string ImportClass,
    string Method)
{
    /// <summary>The core export name.</summary>
    public string Entry => Module == "$root" ? Name : Module + "#" + Name;

    /// <summary>The function's ABI descriptor.</summary>
    public AbiFunctionType Function => new(Parameters, Result is null ? Array.Empty<AbiType>() : new[] { Result });

    /// <summary>The raw 64-bit form of a core value of type <paramref name="type"/>.</summary>
    public static ulong ToRaw(RawValue value, CoreValueType type) => type switch
    {
        CoreValueType.I32 => value.U32,
        CoreValueType.I64 => value.U64,
        CoreValueType.F32 => BitConverter.SingleToUInt32Bits(value.F32),
        _ => BitConverter.DoubleToUInt64Bits(value.F64),
    };

    /// <summary>The core value of type <paramref name="type"/> of a raw 64-bit form.</summary>
    public static RawValue FromRaw(ulong raw, CoreValueType type) => type switch
    {
        CoreValueType.I32 => RawValue.FromU32((uint)raw),
        CoreValueType.I64 => RawValue.FromU64(raw),
        CoreValueType.F32 => RawValue.FromF32(BitConverter.UInt32BitsToSingle((uint)raw)),
        _ => RawValue.FromF64(BitConverter.UInt64BitsToDouble(raw)),
    };

    /// <summary>The flattened core types of values of <paramref name="types"/>.</summary>
    public static List<CoreValueType> Flat(IEnumerable<AbiType> types) => types.SelectMany(t => t.FlatTypes.ToArray()).ToList();
}
