namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>Locations of test assets copied to the output directory.</summary>
public static class TestPaths
{
    /// <summary>The folder holding the generator's WIT corpus.</summary>
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");

    /// <summary>The repository's <c>wit/</c> folder: the root package <c>witbindgen:wasi</c> and the WASI and wasi-http packages in <c>deps/</c>.</summary>
    public static string Wit => Path.Combine(AppContext.BaseDirectory, "wit");

    /// <summary>The repository's <c>wit-0.3/</c> folder: the root package <c>witbindgen:wasi3</c> and the WASI 0.3 and wasi-http 0.3 packages in <c>deps/</c>.</summary>
    public static string Wit03 => Path.Combine(AppContext.BaseDirectory, "wit-0.3");

    /// <summary>The repository's README.md (its Quick start is compiled by the tests).</summary>
    public static string Readme => Path.Combine(AppContext.BaseDirectory, "README.md");
}
