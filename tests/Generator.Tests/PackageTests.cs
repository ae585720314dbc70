using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// The one-PackageReference story: <c>dotnet pack</c> the runtime and the generator, then build and run a
/// fresh project that references the <c>WitBindgen</c> package (which brings the runtime) from a local folder
/// and has one <c>Wit</c> item, warnings as errors; it calls a component through the generated bindings. Then a
/// guest project (<c>Mode="Guest"</c>) of the same package builds with the AOT analyzers on and gets its
/// component type written into <c>obj/</c>.
/// </summary>
public class PackageTests
{
    private const string Version = "0.0.1-packtest";

    [Fact]
    public void A_project_referencing_the_packed_package_from_a_local_folder_builds_and_calls_a_component()
    {
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("witbindgen-pack-").FullName;
        try
        {
            var feed = Path.Combine(work, "feed");

            // PackageVersion, not the README's Version: Version would also change the assembly version, and so rebuild
            // the repository's own Release outputs under the tests that are running from them.
            Run(root, "pack", Path.Combine(root, "src", "Runtime", "Runtime.csproj"), "-c", "Release", "-o", feed, $"-p:PackageVersion={Version}");
            Run(root, "pack", Path.Combine(root, "src", "Generator", "Generator.csproj"), "-c", "Release", "-o", feed, $"-p:PackageVersion={Version}");
            Assert.True(File.Exists(Path.Combine(feed, $"WitBindgen.{Version}.nupkg")));
            Assert.True(File.Exists(Path.Combine(feed, $"WitBindgen.Runtime.{Version}.nupkg")));

            var app = Path.Combine(work, "app");
            Directory.CreateDirectory(Path.Combine(app, "wit"));
            File.WriteAllText(Path.Combine(app, "nuget.config"), """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="../feed" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <GenerateDocumentationFile>true</GenerateDocumentationFile>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="WitBindgen" Version="{Version}" />
                    <Wit Include="wit/" World="calc" Namespace="My.Calc" />
                    <None Include="calc.wat" CopyToOutputDirectory="PreserveNewest" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "wit", "calc.wit"), """
                package example:calc@0.1.0;

                interface types {
                    /// A point on the grid.
                    record point { x: s32, y: s32 }
                    enum op { add, sub }
                }

                world calc {
                    use types.{point};
                    export types;
                    /// Adds two numbers.
                    export add: func(a: s32, b: s32) -> s32;
                }
                """);
            File.WriteAllText(Path.Combine(app, "calc.wat"), """
                (component
                  (core module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
                  (core instance $i (instantiate $m))
                  (func $add (param "a" s32) (param "b" s32) (result s32) (canon lift (core func $i "add")))
                  (export "add" (func $add)))
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using var runtime = new WitBindgen.Runtime.ComponentRuntime();
                using var calc = My.Calc.Calc.CalcWorld.Instantiate(runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "calc.wat"))));
                Console.WriteLine($"40 + 2 = {calc.Add(40, 2)}");
                Console.WriteLine(App.Use.Origin());
                """);
            File.WriteAllText(Path.Combine(app, "Use.cs"), """
                namespace App;

                /// <summary>Uses the generated types.</summary>
                public static class Use
                {
                    /// <summary>A point.</summary>
                    public static My.Calc.Types.Point Origin() => new(0, 0);

                    /// <summary>An operation.</summary>
                    public static My.Calc.Types.Op Plus => My.Calc.Types.Op.Add;
                }
                """);

            var output = Run(app, "build", "-c", "Release", $"-p:RestorePackagesPath={Path.Combine(work, "packages")}");
            Assert.Contains("0 Error(s)", output);
            var dll = Path.Combine(app, "bin", "Release", "net10.0", "App.dll");
            Assert.True(File.Exists(dll));
            var printed = Run(app, dll);
            Assert.Contains("40 + 2 = 42", printed);
            Assert.Contains("Point { X = 0, Y = 0 }", printed);

            // A component written in C# (Mode="Guest"): built with the AOT and trimming analyzers on, it gets the
            // component type the linker needs in obj/ (WitBindgen.targets' WitBindgenWriteComponentTypes).
            var guest = Path.Combine(work, "guest");
            Directory.CreateDirectory(Path.Combine(guest, "wit"));
            File.Copy(Path.Combine(app, "nuget.config"), Path.Combine(guest, "nuget.config"));
            File.WriteAllText(Path.Combine(guest, "Guest.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <GenerateDocumentationFile>true</GenerateDocumentationFile>
                    <IsAotCompatible>true</IsAotCompatible>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="WitBindgen" Version="{Version}" />
                    <Wit Include="wit/" World="adder" Mode="Guest" StringEncoding="utf16" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(guest, "wit", "adder.wit"), """
                package example:adder@0.1.0;

                interface math {
                    add: func(a: u32, b: u32) -> u32;
                }

                world adder {
                    import log: func(message: string);
                    export math;
                }
                """);
            File.WriteAllText(Path.Combine(guest, "Math.cs"), """
                namespace Example.Adder.Math;

                /// <summary>The exports.</summary>
                public static partial class MathExports
                {
                    /// <summary>Adds.</summary>
                    public static partial uint Add(uint a, uint b) => a + b;
                }
                """);
            Run(guest, "build", "-c", "Release", $"-p:RestorePackagesPath={Path.Combine(work, "packages")}");
            var componentType = Path.Combine(guest, "obj", "Release", "net10.0", "witbindgen", "example-adder-adder-0.1.0.wit");
            Assert.True(File.Exists(componentType), "no component type at " + componentType);
            var text = File.ReadAllText(componentType);
            Assert.StartsWith("// The component type of world example:adder/adder@0.1.0 (utf16 strings)", text, StringComparison.Ordinal);
            var parsed = WitBindgen.WitParser.Wit.Parse("adder.wit", text);
            Assert.True(parsed.Success, parsed.Diagnostic?.ToString());
            var resolve = parsed.GetResolveOrThrow();
            var world = resolve.FindWorld(parsed.MainPackage!.Value, "adder");
            Assert.NotNull(world);
            Assert.Equal(new[] { "log" }, resolve[world.Value].Imports.Keys.Select(k => resolve.NameOf(k)));
            Assert.Equal(new[] { "example:adder/math@0.1.0" }, resolve[world.Value].Exports.Keys.Select(k => resolve.NameOf(k)));
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string RepositoryRoot() => Dotnet.RepositoryRoot();

    private static string Run(string directory, params string[] arguments)
    {
        var (exitCode, output) = Dotnet.Run(directory, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }
}
