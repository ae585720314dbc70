using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Text;
using Xunit;

namespace WitBindgen.WitParser.Tests;

/// <summary>Functions, named types, worlds and packages carry where they are declared, in characters (for tools that point at them).</summary>
public class LocationTests
{
    private const string Text = """
        package a:b@1.0.0;

        interface i {
            /* é中 */ plain: func();
            resource r {
                constructor(x: u32);
                get: func() -> u32;
                make: static func() -> r;
            }
        }

        world w {
            resource x;
            export f: func() -> x;
        }
        """;

    private static string Covered(SourceSpan span) => Text.Substring(span.Start, span.Length);

    [Fact]
    public void Functions_types_worlds_and_the_package_point_at_their_names()
    {
        var result = Wit.Parse("dir/one.wit", Text);
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var resolve = result.Resolve!;
        var package = resolve[result.MainPackage!.Value];
        var iface = resolve[package.Interfaces["i"]];

        var plain = iface.Functions["plain"].Location!.Value;
        Assert.Equal("dir/one.wit", plain.Path);
        Assert.Equal("plain", Covered(plain));
        Assert.Equal(4, plain.Line);
        Assert.Equal(Text.Split('\n')[3].IndexOf("plain", StringComparison.Ordinal) + 1, plain.Column); // characters, not UTF-8 bytes

        Assert.Equal("constructor", Covered(iface.Functions["[constructor]r"].Location!.Value));
        Assert.Equal("get", Covered(iface.Functions["[method]r.get"].Location!.Value));
        Assert.Equal(7, iface.Functions["[method]r.get"].Location!.Value.Line);
        Assert.Equal("make", Covered(iface.Functions["[static]r.make"].Location!.Value));

        var r = resolve[iface.Types["r"]].Location!.Value;
        Assert.Equal("r", Covered(r));
        Assert.Equal(5, r.Line);

        var world = resolve[package.Worlds["w"]];
        Assert.Equal("x", Covered(resolve[Assert.IsType<WorldTypeItem>(world.Imports[WorldKey.Of("x")]).Type].Location!.Value));
        Assert.Equal("w", Covered(world.Location!.Value));
        Assert.Equal(12, world.Location!.Value.Line);
        var f = Assert.IsType<WorldFunctionItem>(world.Exports[WorldKey.Of("f")]).Function;
        Assert.Equal("f", Covered(f.Location!.Value));

        Assert.Equal("a:b@1.0.0", Covered(package.Location!.Value));
        Assert.Equal(1, package.Location!.Value.Line);
    }

    [Fact]
    public void Included_functions_keep_the_location_of_their_declaration()
    {
        var fs = new InMemoryWitFileSystem()
            .Add("pkg/base.wit", "package a:c;\n\nworld base {\n    import now: func() -> u64;\n}\n")
            .Add("pkg/top.wit", "package a:c;\n\nworld top {\n    include base;\n    export run: func();\n}\n");
        var result = Wit.Load("pkg", new WitOptions { FileSystem = fs });
        Assert.True(result.Success, result.Diagnostic?.Rendered);
        var resolve = result.Resolve!;
        var top = resolve[resolve[result.MainPackage!.Value].Worlds["top"]];
        var now = Assert.IsType<WorldFunctionItem>(top.Imports[WorldKey.Of("now")]).Function.Location!.Value;
        Assert.Equal("pkg/base.wit", now.Path);
        Assert.Equal(4, now.Line);
        Assert.Equal("pkg/top.wit", Assert.IsType<WorldFunctionItem>(top.Exports[WorldKey.Of("run")]).Function.Location!.Value.Path);
        Assert.Equal("pkg/top.wit", top.Location!.Value.Path);
    }
}
