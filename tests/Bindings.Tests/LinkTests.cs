using Fixtures.Calc.Calc;
using Fixtures.Calc.Exporter;
using Fixtures.Calc.Importer;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Two worlds of one project that name the same interface (two Wit items): one set of C# types for it, and the
/// exporting world's instance serves as the importing world's import, linking two components through C#.
/// </summary>
public class LinkTests
{
    [Fact]
    public void The_exporters_instance_is_the_importers_implementation_of_the_interface()
    {
        using var exporter = ExporterWorld.Instantiate(Fixture.CalcExporter);
        using var importer = ImporterWorld.Instantiate(Fixture.CalcImporter, new ImporterWorld.Imports(exporter.Calc));

        // One Pair type: the importer's component passes it to the host, which passes it on to the exporter's.
        Assert.Equal(30u, importer.Run(new Pair(1, 2)));
        Assert.Equal(4_000_000_000u, importer.Run(new Pair(150_000_000, 250_000_000)));
        Assert.Equal(7u, exporter.Calc.Sum(new Pair(3, 4)));
    }

    [Fact]
    public void The_exporters_instance_and_a_host_implementation_are_interchangeable()
    {
        using var exporter = ExporterWorld.Instantiate(Fixture.CalcExporter);
        ICalc[] implementations = { exporter.Calc, new HostCalc() };
        foreach (var calc in implementations)
        {
            using var importer = ImporterWorld.Instantiate(Fixture.CalcImporter, new ImporterWorld.Imports(calc));
            Assert.Equal(50u, importer.Run(new Pair(2, 3)));
        }
    }

    [Fact]
    public void A_disposed_exporter_fails_the_importers_call_and_leaves_it_unusable()
    {
        var exporter = ExporterWorld.Instantiate(Fixture.CalcExporter);
        using var importer = ImporterWorld.Instantiate(Fixture.CalcImporter, new ImporterWorld.Imports(exporter.Calc));
        exporter.Dispose();
        Assert.ThrowsAny<Exception>(() => importer.Run(new Pair(1, 1)));
        Assert.Throws<ComponentTrapException>(() => importer.Run(new Pair(1, 1)));
    }

    private sealed class HostCalc : ICalc
    {
        public uint Sum(Pair p) => p.A + p.B;
    }
}
