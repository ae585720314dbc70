namespace WitBindgen.Runtime.Tests;

/// <summary>
/// The random sequences of the fuzz tests. CI uses each test's own fixed seed, so a run is reproducible; a long run
/// sets <c>WITBINDGEN_FUZZ_SEED</c> to explore other sequences (the value is added to every test's seed and printed
/// in its output, so a finding can be replayed with the same variable).
/// </summary>
internal static class FuzzSeed
{
    /// <summary>The offset from <c>WITBINDGEN_FUZZ_SEED</c>, or 0 when it is unset or not a number.</summary>
    public static int Offset { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("WITBINDGEN_FUZZ_SEED"), out var offset) ? offset : 0;

    /// <summary><paramref name="seed"/> moved by <see cref="Offset"/>.</summary>
    public static int Of(int seed) => unchecked(seed + Offset);
}
