namespace WitBindgen.Generator.Tests.Infrastructure;

/// <summary>Locations of test assets copied to the output directory.</summary>
public static class TestPaths
{
    /// <summary>The folder holding the generator's WIT corpus.</summary>
    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");

    /// <summary>The project's own copy of the WASI and wasi-http WIT packages.</summary>
    public static string Wit => Path.Combine(AppContext.BaseDirectory, "wit");
}
