using WitBindgen.WitParser.Output;
using WitBindgen.WitParser.Tests.Infrastructure;
using WitBindgen.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

/// <summary>
/// Runs every case of the project's WIT corpus: positive cases must resolve and match their JSON
/// snapshot and survive a print/re-parse round trip; negative cases must fail with the snapshotted
/// diagnostic. A case is a <c>.wit</c> file or a package directory (with optional <c>deps/</c>).
/// </summary>
public class CorpusTests
{
    public static TheoryData<string> Positive() => Cases("positive");

    public static TheoryData<string> Negative() => Cases("negative");

    [Theory]
    [MemberData(nameof(Positive))]
    public void Positive_case_resolves_to_its_snapshot(string name)
    {
        var result = Load("positive", name);
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        Snapshot.Verify(WitJson.Serialize(result.Resolve!), name, "json", "Snapshots/positive");
    }

    [Theory]
    [MemberData(nameof(Positive))]
    public void Positive_case_round_trips_through_the_printer(string name)
    {
        var first = Load("positive", name);
        Assert.True(first.Success, first.Diagnostic?.Rendered);
        var printed = WitPrinter.Print(first.Resolve!, first.MainPackage!.Value);
        var second = Wit.Parse("printed.wit", printed, Options);
        Assert.True(second.Success, second.Diagnostic?.Rendered + "\n--- printed:\n" + printed);
        Assert.Equal(printed, WitPrinter.Print(second.Resolve!, second.MainPackage!.Value));
        Assert.Equal(
            first.Resolve!.Packages.Select(p => p.Name.ToString()).Order(),
            second.Resolve!.Packages.Select(p => p.Name.ToString()).Order());
    }

    [Theory]
    [MemberData(nameof(Negative))]
    public void Negative_case_fails_with_its_snapshot(string name)
    {
        var result = Load("negative", name);
        Assert.False(result.Success, "expected an error");
        Snapshot.Verify(result.Diagnostic!.Rendered, name, "txt", "Snapshots/negative");
    }

    private static readonly WitOptions Options = new() { Features = new[] { "active" } };

    private static WitLoadResult Load(string kind, string name)
    {
        // Paths stay relative to the corpus folder so snapshots do not depend on where tests run.
        var fs = new RootedFileSystem(Path.Combine(TestPaths.Corpus, kind));
        return Wit.Load(name, new WitOptions { Features = Options.Features, FileSystem = fs });
    }

    private static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(TestPaths.Corpus, kind);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (Directory.Exists(entry) || name.EndsWith(".wit", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }
}
