using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class ImportExportTests
{
    [Fact]
    public void Reads_imports_of_every_extern_type()
    {
        var component = Read("""
            (component
              (import "f" (func $f (param "x" u32)))
              (import "v" (value $v u32))
              (import "t" (type $t (sub resource)))
              (import "e" (type (eq $t)))
              (import "c" (component))
              (import "i" (instance))
              (import "m" (core module))
            )
            """);
        var imports = component.Imports.ToList();
        Assert.Equal(["f", "v", "t", "e", "c", "i", "m"], imports.Select(i => i.Name.Name));
        Assert.Equal(
            [Sort.Function, Sort.Value, Sort.Type, Sort.Type, Sort.Component, Sort.Instance, Sort.CoreModule],
            imports.Select(i => i.Type.Sort));
        Assert.Equal(new FunctionExternType(0), imports[0].Type);
        Assert.Equal(new ValueExternType(new ValueBound(null, ValueTypeReference.FromPrimitive(PrimitiveType.U32))), imports[1].Type);
        Assert.Equal(new TypeExternType(TypeBound.SubResource), imports[2].Type);
        Assert.Equal(new TypeExternType(new TypeBound(1)), imports[3].Type);
        Assert.IsType<ComponentExternType>(imports[4].Type);
        Assert.IsType<InstanceExternType>(imports[5].Type);
        Assert.IsType<CoreModuleExternType>(imports[6].Type);

        var spaces = component.IndexSpaces;
        Assert.Same(imports[0], spaces.Functions[0].Source);
        Assert.Same(imports[1], spaces.Values[0].Source);
        Assert.Equal("import \"t\"", spaces.Types[1].Describe());
        Assert.Same(imports[3], spaces.Types[2].Source);
        Assert.Same(imports[4], spaces.Components[0].Source);
        Assert.Same(imports[5], spaces.Instances[0].Source);
        Assert.Same(imports[6], spaces.CoreModules[0].Source);
    }

    [Fact]
    public void Parses_interface_names_with_versions()
    {
        var component = Read("""
            (component
              (import "wasi:io/streams@0.2.0" (instance))
              (import "wasi:http/types" (instance))
              (import "a:b:c/d/e@1.0.0-rc.1+build" (instance))
            )
            """);
        var names = component.Imports.Select(i => i.Name).ToList();
        Assert.All(names, n => Assert.Equal(ExternNameKind.Interface, n.Kind));

        var streams = names[0].Interface!;
        Assert.Equal(["wasi"], streams.Namespaces);
        Assert.Equal("io", streams.Package);
        Assert.Equal("wasi:io", streams.PackageName);
        Assert.Equal("streams", streams.Interface);
        Assert.Equal("0.2.0", streams.Version);
        Assert.Equal("wasi:io/streams", streams.NameWithoutVersion);
        Assert.Equal("0.2.0", names[0].FullVersion);
        Assert.Null(names[0].Label);

        Assert.Null(names[1].Interface!.Version);
        Assert.Null(names[1].FullVersion);

        var nested = names[2].Interface!;
        Assert.Equal(["a", "b"], nested.Namespaces);
        Assert.Equal("c", nested.Package);
        Assert.Equal(["d", "e"], nested.Projections);
        Assert.Equal("e", nested.Interface);
        Assert.Equal("1.0.0-rc.1+build", nested.Version);
        Assert.Equal("a:b:c/d/e@1.0.0-rc.1+build", nested.ToString());
    }

    [Fact]
    public void Reads_canonical_interface_names_with_version_suffix_and_other_attributes()
    {
        var component = Read("""
            (component
              (import "wasi:http/types@0.2" (versionsuffix ".6") (instance))
              (import "primary" (implements "wasi:keyvalue/store") (instance))
              (import "slugify" (external-id "https://esm.example/slugify@1.6.6") (func))
              (import "catalog" (implements "wasi:keyvalue/store") (external-id "catalog-db") (instance))
            )
            """);
        var names = component.Imports.Select(i => i.Name).ToList();
        Assert.Equal("0.2", names[0].Interface!.Version);
        Assert.Equal(".6", names[0].VersionSuffix);
        Assert.Equal("0.2.6", names[0].FullVersion);

        Assert.Equal(ExternNameKind.Label, names[1].Kind);
        Assert.Equal("primary", names[1].Label);
        Assert.Equal("wasi:keyvalue/store", names[1].Implements);
        Assert.Null(names[1].ExternalId);

        Assert.Equal("https://esm.example/slugify@1.6.6", names[2].ExternalId);
        Assert.Equal(("wasi:keyvalue/store", "catalog-db"), (names[3].Implements, names[3].ExternalId));
    }

    [Fact]
    public void Parses_resource_function_names()
    {
        var component = Read("""
            (component
              (import "r" (type $r (sub resource)))
              (import "[constructor]r" (func (result (own $r))))
              (import "[method]r.get-JSON" (func (param "self" (borrow $r))))
              (import "[static]r.make" (func))
              (import "get-JSON" (func))
            )
            """);
        var names = component.Imports.Select(i => i.Name).ToList();
        Assert.Equal(
            [ExternNameKind.Label, ExternNameKind.Constructor, ExternNameKind.Method, ExternNameKind.Static, ExternNameKind.Label],
            names.Select(n => n.Kind));
        Assert.Equal(("r", "r"), (names[1].ResourceName, names[1].Label));
        Assert.Equal(("r", "get-JSON"), (names[2].ResourceName, names[2].Label));
        Assert.Equal(("r", "make"), (names[3].ResourceName, names[3].Label));
        Assert.Null(names[4].ResourceName);
    }

    [Theory]
    [InlineData("foo", ExternNameKind.Label)]
    [InlineData("a1-2-3", ExternNameKind.Label)]
    [InlineData("1-2-3", ExternNameKind.Other)]
    [InlineData("mIxed", ExternNameKind.Other)]
    [InlineData("[method]r", ExternNameKind.Other)]
    [InlineData("wasi:io", ExternNameKind.Other)]
    [InlineData("wasi:io/streams@", ExternNameKind.Other)]
    [InlineData("wasi:io/streams@0.2.0", ExternNameKind.Interface)]
    // ExternNameKind is internal, so a public test method takes it boxed.
    public void Classifies_names(string name, object kind) => Assert.Equal((ExternNameKind)kind, new ExternName(name).Kind);

    [Fact]
    public void Reads_exports_of_every_sort_with_and_without_type_ascriptions()
    {
        var component = Read("""
            (component
              (core module $m (func (export "f")))
              (core instance $i (instantiate $m))
              (type $ft (func))
              (func $f (type $ft) (canon lift (core func $i "f")))
              (component $c)
              (instance $inst)
              (import "v" (value $v string))
              (export "f" (func $f))
              (export "f2" (func $f) (func (type $ft)))
              (export "ft" (type $ft))
              (export "c" (component $c))
              (export "inst" (instance $inst))
              (export "m" (core module $m))
              (export "v" (value $v))
              (export "wasi:cli/run@0.2.0" (instance $inst))
            )
            """);
        var exports = component.Exports.ToList();
        Assert.Equal(["f", "f2", "ft", "c", "inst", "m", "v", "wasi:cli/run@0.2.0"], exports.Select(e => e.Name.Name));
        Assert.Equal(
            [Sort.Function, Sort.Function, Sort.Type, Sort.Component, Sort.Instance, Sort.CoreModule, Sort.Value, Sort.Instance],
            exports.Select(e => e.Sort));
        Assert.Null(exports[0].Type);
        Assert.Equal(new FunctionExternType(0), exports[1].Type);
        Assert.Equal(0u, exports[0].Index);
        Assert.Equal(ExternNameKind.Interface, exports[7].Name.Kind);

        // Every export adds an index aliasing the exported definition.
        var spaces = component.IndexSpaces;
        Assert.Equal(3, spaces.Functions.Count);
        Assert.Equal("export \"f2\" of func 0", spaces.Functions[2].Describe());
        Assert.Equal(2, spaces.Types.Count);
        Assert.Equal(2, spaces.Components.Count);
        Assert.Equal(3, spaces.Instances.Count);
        Assert.Equal(2, spaces.CoreModules.Count);
        Assert.Equal(2, spaces.Values.Count);
    }

    [Fact]
    public void Rejects_duplicate_attributes()
    {
        // import "x" with two versionsuffix attributes, of type func 0.
        var import = Concat([0x02], Name("x"), [0x02, 0x01], Name(".1"), [0x01], Name(".2"), [0x01, 0x00]);
        var e = ReadFails(Build(Section(10, import)));
        Assert.Equal("duplicate 'versionsuffix' attribute in name: each kind of attribute appears at most once", e.Reason);
    }

    [Fact]
    public void Rejects_unknown_name_and_extern_kinds()
    {
        Assert.Equal("invalid import/export name kind 0x03", ReadFails(Build(Section(10, Concat([0x03], Name("x"), [0x01, 0x00])))).Reason);
        Assert.Equal("invalid extern type 0x06", ReadFails(Build(Section(10, Concat([0x00], Name("x"), [0x06, 0x00])))).Reason);
        Assert.Equal("invalid type bound 0x02", ReadFails(Build(Section(10, Concat([0x00], Name("x"), [0x03, 0x02])))).Reason);
        Assert.Equal(
            "invalid core extern type 0x10 (only core module is allowed)",
            ReadFails(Build(Section(10, Concat([0x00], Name("x"), [0x00, 0x10, 0x00])))).Reason);
    }
}
