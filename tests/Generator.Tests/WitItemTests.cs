using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// How <c>build/WitBindgen.targets</c> turns <c>Wit</c> items into AdditionalFiles: MSBuild runs the target on a small
/// project (no SDK, no compilation) that prints what the generator would receive.
/// </summary>
public class WitItemTests
{
    private const string Wit = "package a:b;\n\nworld w {\n    export f: func();\n}\n";

    [Fact]
    public void A_directory_without_its_trailing_slash_is_loaded_as_a_package_directory()
    {
        using var project = new ItemProject("""
            <Wit Include="wit" World="w" Namespace="No.Slash" />
            <Wit Include="other/" World="w" />
            <Wit Include="single/api.wit" Features="x;y" />
            """);
        project.Write("wit/main.wit", Wit);
        project.Write("wit/deps/dep.wit", "package a:dep;\n");
        project.Write("other/one.wit", Wit);
        project.Write("single/api.wit", Wit);

        var (exitCode, output) = project.Run();
        Assert.True(exitCode == 0, output);
        var files = Lines(output);
        var root = project.Root.Replace('\\', '/');
        Assert.Contains($"{root}/wit/main.wit|{root}/wit/|w|No.Slash|", files);
        Assert.Contains($"{root}/wit/deps/dep.wit|{root}/wit/|w|No.Slash|", files);
        Assert.Contains($"{root}/other/one.wit|{root}/other/|w||", files);
        Assert.Contains($"{root}/single/api.wit||||x,y", files);
        Assert.Equal(4, files.Count);
        Assert.DoesNotContain("WIT0010", output);
    }

    [Fact]
    public void Items_that_match_no_wit_file_are_WIT0010_errors_naming_the_item()
    {
        using var project = new ItemProject("""
            <Wit Include="missing.wit" />
            <Wit Include="nowhere/" />
            <Wit Include="empty" />
            <Wit Include="notes.txt" />
            <Wit Include="good.wit" />
            """);
        project.Write("empty/readme.md", "no WIT here");
        project.Write("notes.txt", "not WIT");
        project.Write("good.wit", Wit);

        var (exitCode, output) = project.Run();
        Assert.NotEqual(0, exitCode);
        var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error WIT0010", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Contains(errors, e => e.Contains("The Wit item 'missing.wit' matches no .wit file", StringComparison.Ordinal) && e.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("The Wit item 'nowhere/' matches no .wit file: the directory", StringComparison.Ordinal) && e.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("The Wit item 'empty' matches no .wit file: the directory", StringComparison.Ordinal) && e.Contains("holds none", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("The Wit item 'notes.txt' matches no .wit file", StringComparison.Ordinal) && e.Contains("is not a .wit file", StringComparison.Ordinal));
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.StartsWith(project.ProjectFile, e.TrimStart(), StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("good.wit", StringComparison.Ordinal));
    }

    /// <summary>The AdditionalFiles the target produced: path|WitRoot|WitWorld|WitNamespace|WitFeatures.</summary>
    private static List<string> Lines(string output) =>
        output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("WITFILE ", StringComparison.Ordinal))
            .Select(l => l["WITFILE ".Length..].Replace('\\', '/'))
            .ToList();

    /// <summary>A temporary project importing the generator's props and targets around the given items.</summary>
    private sealed class ItemProject : IDisposable
    {
        public ItemProject(string items)
        {
            Root = Directory.CreateTempSubdirectory("witbindgen-items-").FullName;
            ProjectFile = Path.Combine(Root, "Items.proj");
            var build = Path.Combine(Dotnet.RepositoryRoot(), "src", "Generator", "build");
            File.WriteAllText(ProjectFile, $"""
                <Project>
                  <Import Project="{Path.Combine(build, "WitBindgen.props")}" />
                  <ItemGroup>
                    {items}
                  </ItemGroup>
                  <Import Project="{Path.Combine(build, "WitBindgen.targets")}" />
                  <Target Name="Show" DependsOnTargets="WitBindgenCollectWitFiles">
                    <Message Importance="high" Condition="'@(AdditionalFiles)' != ''" Text="WITFILE %(AdditionalFiles.Identity)|%(AdditionalFiles.WitRoot)|%(AdditionalFiles.WitWorld)|%(AdditionalFiles.WitNamespace)|%(AdditionalFiles.WitFeatures)" />
                  </Target>
                </Project>
                """);
        }

        public string Root { get; }

        public string ProjectFile { get; }

        public void Write(string relative, string text)
        {
            var path = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        public (int ExitCode, string Output) Run() => Dotnet.Run(Root, "msbuild", ProjectFile, "-t:Show", "-nologo", "-v:m", "-nodeReuse:false");

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
