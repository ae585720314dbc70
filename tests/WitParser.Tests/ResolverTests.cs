using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.WitParser.Tests;

public class ResolverTests
{
    [Fact]
    public void Every_type_family_resolves()
    {
        var r = WitAssert.Resolves("""
            package my:types@1.0.0;

            interface all {
              type a = u8;
              record point { x: s32, y: s32 }
              variant shape { circle(f64), square(point), none }
              enum color { red, green }
              flags perms { read, write, exec }
              resource blob {
                constructor(init: list<u8>);
                size: func() -> u64;
                merge: static func(a: borrow<blob>, b: blob) -> blob;
              }
              type t = tuple<u32, string, char, bool>;
              type o = option<option<s64>>;
              type r1 = result;
              type r2 = result<u16>;
              type r3 = result<_, string>;
              type r4 = result<f32, color>;
              type l = list<list<point>>;
              type fl = list<u8, 4>;
              type m = map<string, list<u32>>;
              type fu = future;
              type fu2 = future<string>;
              type st = stream<u8>;
              type ec = error-context;
              type own-blob = own<blob>;
              f: async func(p: point) -> result<shape, string>;
            }
            """);
        var iface = r.Interfaces.Single(i => i.Name == "all");
        Assert.Equal(
            new[] { "a", "point", "shape", "color", "perms", "blob", "t", "o", "r1", "r2", "r3", "r4", "l", "fl", "m", "fu", "fu2", "st", "ec", "own-blob" },
            iface.Types.Keys);
        Assert.IsType<RecordKind>(r[iface.Types["point"]].Kind);
        Assert.Equal(new FixedLengthListKind(WitType.Of(PrimitiveType.U8), 4), r[iface.Types["fl"]].Kind);
        Assert.Equal(
            new[] { "[constructor]blob", "[method]blob.size", "[static]blob.merge", "f" },
            iface.Functions.Keys);
        Assert.Equal(FunctionKind.AsyncFreestanding, iface.Functions["f"].Kind);

        var size = iface.Functions["[method]blob.size"];
        Assert.Equal("self", size.Params[0].Name);
        var self = r[size.Params[0].Type.Id!.Value];
        Assert.Equal(new HandleKind(true, iface.Types["blob"]), self.Kind);

        // A constructor returns an owned handle, created as an anonymous type.
        var ctor = iface.Functions["[constructor]blob"];
        Assert.Equal(new HandleKind(false, iface.Types["blob"]), r[ctor.Result!.Value.Id!.Value].Kind);
    }

    [Fact]
    public void Anonymous_types_are_shared_by_structure()
    {
        var r = WitAssert.Resolves("""
            package a:b;
            interface i {
              f: func(a: list<u32>) -> list<u32>;
              g: func(b: list<u32>, c: option<list<u32>>);
            }
            """);
        var fs = r.Interfaces[0].Functions;
        Assert.Equal(fs["f"].Params[0].Type, fs["f"].Result);
        Assert.Equal(fs["f"].Params[0].Type, fs["g"].Params[0].Type);
        Assert.Equal(2, r.Types.Count);
    }

    [Fact]
    public void Types_may_be_used_before_their_definition()
    {
        var r = WitAssert.Resolves("package a:b;\ninterface i { type a = b; record b { x: u32 } }");
        var i = r.Interfaces[0];
        Assert.Equal(new AliasKind(WitType.Of(i.Types["b"])), r[i.Types["a"]].Kind);
    }

    [Theory]
    [InlineData("interface i { type a = a; }", "type `a` depends on itself")]
    [InlineData("interface i { record a { x: b } record b { y: a } }", "type `b` depends on itself")]
    [InlineData("interface i { type a = u32; type a = u64; }", "name `a` is defined more than once")]
    [InlineData("interface i { a: func(); a: func(); }", "name `a` is defined more than once")]
    [InlineData("interface i { enum e {} }", "empty enum")]
    [InlineData("interface i { variant v {} }", "empty variant")]
    [InlineData("interface i { type t = borrow<u32x>; }", "type `u32x` does not exist")]
    [InlineData("interface i { type t = u32; type h = borrow<t>; }", "type `t` used in a handle must be a resource")]
    [InlineData("interface i { f: func(x: u32, x: u32); }", "param `x` is defined more than once")]
    [InlineData("interface i { resource r { constructor(); constructor(); } }", "duplicate constructors")]
    [InlineData("interface i { resource r { constructor() -> u32; } }", "if a constructor return type is declared it must be a `result`")]
    [InlineData("interface i { resource r { f: func() -> borrow<r>; } }", "function `[method]r.f` returns a type which contains a `borrow<T>` which is not supported")]
    [InlineData("interface i { type m = map<f32, u8>; }", "invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string")]
    [InlineData("interface i {} interface i {}", "duplicate item named `i`")]
    [InlineData("interface i { use j.{t}; } interface j { use i.{t}; }", "interface or world `j` depends on itself")]
    [InlineData("interface i { f: func(); } interface j { use i.{f}; }", "cannot import function `f`")]
    [InlineData("interface i {} interface j { use i.{t}; }", "name `t` does not exist")]
    [InlineData("world w { import a: func(); import a: func(); }", "import `a` conflicts with prior func of same name")]
    [InlineData("interface i {} world w { export i; export i; }", "interface cannot be exported more than once")]
    [InlineData("world w {} world v { import w; }", "name `w` is defined as a world, not an interface")]
    [InlineData("interface i {} world w { include i; }", "name `i` is defined as an interface, not a world")]
    [InlineData("world w { import f: func(); } world v { include w with { g as h } }", "no import or export kebab-name `g`. Note that an ID does not support renaming")]
    [InlineData("interface i { @deprecated(version = 1.0.0) f: func(); }", "cannot specify both @deprecated without @since or @unstable")]
    [InlineData("interface i { @since(version = 1.0.0) @unstable(feature = x) f: func(); }", "cannot specify both @since and @unstable")]
    [InlineData("interface i { @since(version = 1.0.0) f: func(); }", "package [a:b] contains a feature gate with a version specifier, so it must have a version")]
    [InlineData("interface i { @bogus f: func(); }", "unknown attribute `bogus`")]
    public void Invalid_packages_are_rejected_with_the_reference_message(string body, string message)
    {
        var rendered = WitAssert.Fails("package a:b;\n" + body + "\n");
        Assert.Equal(message, rendered.Split('\n')[0]);
    }

    [Fact]
    public void Gated_items_are_dropped_unless_their_feature_is_enabled()
    {
        const string text = """
            package a:b@1.0.0;
            interface i {
              @unstable(feature = fancy)
              f: func();
              @since(version = 0.9.0)
              g: func();
            }
            """;
        Assert.Equal(new[] { "g" }, WitAssert.Resolves(text).Interfaces[0].Functions.Keys);
        Assert.Equal(new[] { "f", "g" }, WitAssert.Resolves(text, "fancy").Interfaces[0].Functions.Keys);
    }

    [Fact]
    public void A_gate_on_an_unreleased_version_is_an_error()
    {
        var rendered = WitAssert.Fails("package a:b@1.0.0;\n@since(version = 2.0.0)\ninterface i {}\n");
        Assert.StartsWith("feature gate cannot reference unreleased version 2.0.0 of package [a:b@1.0.0] (current version 1.0.0)", rendered);
    }

    [Fact]
    public void World_elaboration_imports_interfaces_used_by_exports()
    {
        var r = WitAssert.Resolves("""
            package a:b;
            interface types { record r { x: u32 } }
            interface api { use types.{r}; f: func() -> r; }
            world w { export api; }
            """);
        var w = r.Worlds[0];
        var types = r.Packages[0].Interfaces["types"];
        var api = r.Packages[0].Interfaces["api"];
        Assert.Equal(new[] { WorldKey.Of(types) }, w.Imports.Keys);
        Assert.Equal(new[] { WorldKey.Of(api) }, w.Exports.Keys);
    }

    [Fact]
    public void Exporting_an_interface_and_importing_its_dependency_transitively_conflicts()
    {
        var rendered = WitAssert.Fails("""
            package a:b;
            interface t { type x = u32; }
            interface m { use t.{x}; }
            interface top { use t.{x}; use m.{x as y}; }
            world w { export t; export top; }
            """);
        Assert.StartsWith("interface `a:b/top` transitively depends on an interface in incompatible ways", rendered);
    }

    [Fact]
    public void Include_flattens_and_renames()
    {
        var r = WitAssert.Resolves("""
            package a:b;
            interface i {}
            world base { import i; import f: func(); export g: func(); }
            world top { include base with { f as renamed } }
            """);
        var top = r.Worlds.Single(w => w.Name == "top");
        Assert.Equal(new[] { "a:b/i", "renamed" }, top.Imports.Keys.Select(r.NameOf));
        Assert.Equal("renamed", ((WorldFunctionItem)top.Imports[WorldKey.Of("renamed")]).Function.Name);
        Assert.Equal(new[] { "g" }, top.Exports.Keys.Select(r.NameOf));
    }

    [Fact]
    public void References_to_resources_become_owned_handles()
    {
        var r = WitAssert.Resolves("""
            package a:b;
            interface i {
              resource res;
              type alias = res;
              record holder { r: res }
              take: func(r: res);
            }
            """);
        var i = r.Interfaces[0];
        var res = i.Types["res"];
        Assert.Equal(new AliasKind(WitType.Of(res)), r[i.Types["alias"]].Kind);
        var field = ((RecordKind)r[i.Types["holder"]].Kind).Fields[0].Type;
        Assert.Equal(new HandleKind(false, res), r[field.Id!.Value].Kind);
        Assert.Equal(field, i.Functions["take"].Params[0].Type);
    }

    [Fact]
    public void Docs_are_collected_from_comments()
    {
        var r = WitAssert.Resolves("package a:b;\n/// The thing.\n///   indented\ninterface i {\n  /** block */\n  f: func();\n}\n");
        Assert.Equal("The thing.\n  indented", r.Interfaces[0].Docs.Contents);
        Assert.Equal("block", r.Interfaces[0].Functions["f"].Docs.Contents);
    }

    [Fact]
    public void Nested_packages_resolve_in_dependency_order()
    {
        var r = WitAssert.Resolves("""
            package a:main;
            package a:dep {
              interface types { type id = u64; }
            }
            interface uses { use a:dep/types.{id}; }
            """);
        Assert.Equal(new[] { "a:dep", "a:main" }, r.Packages.Select(p => p.Name.ToString()));
    }
}
