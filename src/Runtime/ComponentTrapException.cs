using System.Globalization;

using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime;

/// <summary>
/// A guest broke the canonical ABI (a bad pointer, length, encoding, discriminant, handle or <c>realloc</c> result).
/// The component instance must be considered poisoned: the spec's <c>trap()</c>.
/// </summary>
public class ComponentTrapException : Exception
{
    /// <summary>Creates a trap with a generic message.</summary>
    public ComponentTrapException()
        : this(ComponentTrapKind.Other, "The component trapped.")
    {
    }

    /// <summary>Creates a trap with a message.</summary>
    public ComponentTrapException(string message)
        : this(ComponentTrapKind.Other, message)
    {
    }

    /// <summary>Creates a trap with a message and the exception that caused it.</summary>
    public ComponentTrapException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ComponentTrapKind.Other;
    }

    /// <summary>Creates a trap of a given kind.</summary>
    public ComponentTrapException(ComponentTrapKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Creates a trap of a given kind with the exception that caused it.</summary>
    public ComponentTrapException(ComponentTrapKind kind, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public ComponentTrapKind Kind { get; }

    internal static ComponentTrapException OutOfBounds(string what, uint pointer, ulong byteLength, int memoryLength) =>
        new(
            ComponentTrapKind.OutOfBounds,
            Format($"{what} pointer 0x{pointer:x} + length {byteLength} bytes is outside guest memory of {memoryLength} bytes{Reach(memoryLength)}"));

    internal static ComponentTrapException Misaligned(string what, uint pointer, long alignment) =>
        new(ComponentTrapKind.Misaligned, Format($"{what} pointer 0x{pointer:x} is not aligned to {alignment} bytes"));

    internal static ComponentTrapException TooLong(string what, ulong byteLength, long maximum) =>
        new(
            ComponentTrapKind.LengthTooLarge,
            Format($"{what} byte length {byteLength} exceeds the canonical ABI maximum of {maximum} bytes"));

    internal static ComponentTrapException TooLarge(string what, ulong size, string unit, long maximum) =>
        new(
            ComponentTrapKind.ValueTooLarge,
            Format($"{what} of {size} {unit} is larger than the host accepts from this instance ({maximum} {unit}, ComponentLimits)"));

    internal static ComponentTrapException ReallocOutOfBounds(uint pointer, ulong size, int memoryLength) =>
        new(
            ComponentTrapKind.ReallocOutOfBounds,
            Format($"realloc returned pointer 0x{pointer:x} for {size} bytes, which is outside guest memory of {memoryLength} bytes{Reach(memoryLength)}"));

    internal static ComponentTrapException ReallocMisaligned(uint pointer, uint alignment) =>
        new(
            ComponentTrapKind.ReallocMisaligned,
            Format($"realloc returned pointer 0x{pointer:x}, which is not aligned to {alignment} bytes"));

    internal static ComponentTrapException InvalidChar(uint value) =>
        new(ComponentTrapKind.InvalidChar, Format($"0x{value:x} is not a valid char: it must be a Unicode scalar value (at most 0x10ffff and not a surrogate)"));

    internal static ComponentTrapException InvalidDiscriminant(AbiSumType type, uint discriminant)
    {
        var what = type.Kind switch
        {
            AbiTypeKind.Option => "option discriminant",
            AbiTypeKind.Result => "result discriminant",
            AbiTypeKind.Enum => "enum case index",
            _ => "variant case index",
        };
        return new(
            ComponentTrapKind.InvalidDiscriminant,
            Format($"invalid {what} {discriminant} for {type}: it must be below {type.CaseCount}"));
    }

    /// <summary>A note for memories the runtime sees only in part (<see cref="Interop.GuestMemoryReach"/>).</summary>
    private static string Reach(int memoryLength) =>
        memoryLength == Interop.GuestMemoryReach.MaxBytes ? " (the runtime reaches the first 2 GiB of a linear memory only)" : string.Empty;

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
