using WitBindgen.Runtime.Binary;
using Xunit;

namespace WitBindgen.Runtime.Tests.Validation;

/// <summary>
/// Core modules are validated when a component is loaded: by Wasmtime for their code (compiled once, through the
/// runtime's module cache), and by the runtime for what Wasmtime .NET cannot represent in imports and exports.
/// </summary>
public class CoreModuleLoadTests
{
    [Theory]
    [InlineData("(import \"env\" \"g\" (global (ref null i31)))")]
    [InlineData("(func (export \"f\") (result anyref) (ref.null any))")]
    [InlineData("(func (export \"f\") (param (ref func)))")]
    [InlineData("(type $f (func)) (func $x) (elem declare func $x) (global (export \"g\") (ref null $f) (ref.func $x))")]
    [InlineData("(type $s (struct)) (table (export \"t\") 1 (ref null $s))")]
    [InlineData("(tag (export \"t\") (param exnref))")]
    public void Reference_types_the_host_cannot_represent_are_refused_before_Wasmtime_sees_the_module(string module)
    {
        // Wasmtime .NET ends the process when it meets these types in a module's imports or exports: the process
        // running this test is still alive to assert.
        using var runtime = new ComponentRuntime();
        var e = Assert.Throws<ComponentFormatException>(() => runtime.LoadText($"(component (core module {module}))"));
        Assert.Contains("uses the reference type", e.Reason);
        Assert.Equal(0, runtime.CompiledModules);
    }

    [Fact]
    public void Funcref_and_externref_in_imports_and_exports_are_accepted()
    {
        using var runtime = new ComponentRuntime();
        runtime.LoadText("""
            (component
              (core module
                (import "env" "f" (func (param funcref) (result externref)))
                (table (export "t") 1 funcref)
                (global (export "g") externref (ref.null extern))))
            """);
        Assert.Equal(1, runtime.CompiledModules);
    }

    [Fact]
    public void Invalid_core_code_is_refused_at_load_with_Wasmtimes_reason_at_the_module()
    {
        using var runtime = new ComponentRuntime();
        var bytes = WatText.ToBinary("(component (core module (func (result i32) (i64.const 1))))");
        var e = Assert.Throws<ComponentFormatException>(() => runtime.Load(bytes));
        Assert.Contains("core module is not valid", e.Reason);
        Assert.Contains("type mismatch", e.Reason);
        Assert.DoesNotContain("\n", e.Reason);

        // The offset is the module's: its preamble starts there.
        Assert.Equal(ComponentParserPreamble, bytes.AsSpan((int)e.Offset, 8).ToArray());
    }

    [Fact]
    public void Loading_compiles_each_core_module_once_and_instantiation_reuses_it()
    {
        using var runtime = new ComponentRuntime();
        var component = runtime.LoadText("""
            (component
              (core module $m (func (export "f") (result i32) (i32.const 7)))
              (core instance $i (instantiate $m))
              (core instance $j (instantiate $m))
              (func (export "f") (result u32) (canon lift (core func $i "f"))))
            """);
        Assert.Equal(1, runtime.CompiledModules);

        using var instance = component.Instantiate();
        Assert.Equal(1, runtime.CompiledModules);
        // The same module in another component is the same content: served from the cache.
        runtime.LoadText("(component (core module $m (func (export \"f\") (result i32) (i32.const 7))))");
        Assert.Equal(1, runtime.CompiledModules);
    }

    [Fact]
    public void Core_modules_of_nested_components_are_validated_too()
    {
        using var runtime = new ComponentRuntime();
        var e = Assert.Throws<ComponentFormatException>(() => runtime.LoadText("""
            (component
              (component
                (component (core module (func i32.add)))))
            """));
        Assert.Contains("type mismatch", e.Reason);
    }

    private static readonly byte[] ComponentParserPreamble = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
}
