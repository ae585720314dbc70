using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Runtime.Tests.Components;

/// <summary>
/// One test per canonical ABI trap condition that a synchronous guest can provoke. Each asserts a
/// <see cref="ComponentTrapException"/> with a clear message, that the guilty instance is marked
/// unusable, and that the host and other instances keep working.
/// </summary>
public class HostileGuestTests
{
    private static readonly ComponentRuntime Runtime = new();

    /// <summary>A component exporting "f" whose core body (returning i32) is supplied by the test.</summary>
    // A named type the result may use (as $named): exported first, so the function's type has an external name for it.
    private static string Exporting(string resultType, string coreBody, string encoding = "utf8", string extraCore = "", string paramType = "", string coreParams = "", string namedType = "u8") => $$"""
        (component
          {{Wat.Libc}}
          (type $named-type {{namedType}})
          (export $named "named" (type $named-type))
          (core module $m
            (import "libc" "memory" (memory 1))
            {{extraCore}}
            (func (export "f") {{coreParams}} (result i32) {{coreBody}}))
          (core instance $i (instantiate $m (with "libc" (instance $libc))))
          (func $f {{paramType}} (result {{resultType}})
            (canon lift (core func $i "f") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")) string-encoding={{encoding}}))
          (export "f" (func $f)))
        """;

    private static void AssertTraps(string component, string messagePart, params WitValue[] args)
    {
        using var instance = Runtime.LoadText(component).Instantiate();
        var f = instance.GetFunction("f")!;
        var trap = Assert.Throws<ComponentTrapException>(() => f.Invoke(args));
        Assert.Contains(messagePart, trap.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(instance.State.Poisoned);
        Assert.Throws<ComponentTrapException>(() => f.Invoke(args));
        HostStillWorks();
    }

    private static void HostStillWorks()
    {
        using var other = Runtime.LoadText("""
            (component
              (core module $m (func (export "one") (result i32) (i32.const 1)))
              (core instance $i (instantiate $m))
              (func $one (result u32) (canon lift (core func $i "one")))
              (export "one" (func $one)))
            """).Instantiate();
        Assert.Equal(1u, other.GetFunction("one")!.Invoke()[0].AsU32());
    }

    // A (ptr, len) pair stored at 16 and returned: the usual shape of a string or list result.
    private static string ReturnPair(int ptr, long len) =>
        $"(i32.store (i32.const 16) (i32.const {ptr})) (i32.store (i32.const 20) (i32.const {len})) (i32.const 16)";

    [Fact]
    public void String_pointer_out_of_bounds() => AssertTraps(Exporting("string", ReturnPair(65530, 100)), "outside guest memory");

    [Fact]
    public void List_length_overflowing_memory() => AssertTraps(Exporting("(list u64)", ReturnPair(8, 0x2000_0000)), "list byte length");

    [Fact]
    public void Misaligned_list_pointer() => AssertTraps(Exporting("(list u32)", ReturnPair(1026, 2)), "align");

    [Fact]
    public void Misaligned_return_area() => AssertTraps(Exporting("string", "(i32.const 17)"), "align");

    [Fact]
    public void Return_area_out_of_bounds() => AssertTraps(Exporting("string", "(i32.const 65532)"), "outside guest memory");

    [Fact]
    public void Invalid_utf8() => AssertTraps(
        Exporting("string", "(i32.store (i32.const 1024) (i32.const 0x00ffc3c3)) " + ReturnPair(1024, 3)),
        "UTF-8");

    [Fact]
    public void Unpaired_utf16_surrogate() => AssertTraps(
        Exporting("string", "(i32.store16 (i32.const 1024) (i32.const 0xd800)) " + ReturnPair(1024, 1), "utf16"),
        "UTF-16");

    [Theory]
    [InlineData(0xD800)]
    [InlineData(0x110000)]
    public void Invalid_char(int value) => AssertTraps(
        Exporting("(list char)", $"(i32.store (i32.const 1024) (i32.const {value})) " + ReturnPair(1024, 1)),
        "char");

    [Fact]
    public void Invalid_option_discriminant() => AssertTraps(
        Exporting("(option string)", "(i32.store8 (i32.const 32) (i32.const 2)) (i32.const 32)"),
        "discriminant");

    [Fact]
    public void Invalid_result_discriminant() => AssertTraps(
        Exporting("(result string (error u8))", "(i32.store8 (i32.const 32) (i32.const 7)) (i32.const 32)"),
        "discriminant");

    [Fact]
    public void Invalid_enum_case() => AssertTraps(
        Exporting("(list $named)", "(i32.store8 (i32.const 1024) (i32.const 3)) " + ReturnPair(1024, 1), namedType: "(enum \"a\" \"b\" \"c\")"),
        "enum");

    [Fact]
    public void Invalid_variant_case() => AssertTraps(
        Exporting("(list $named)", "(i32.store8 (i32.const 1024) (i32.const 9)) " + ReturnPair(1024, 1), namedType: "(variant (case \"x\" u8) (case \"y\"))"),
        "variant");

    [Fact]
    public void Realloc_returning_an_out_of_bounds_pointer()
    {
        // The guest's realloc returns a pointer past the end of memory when the host lowers a string.
        var component = """
            (component
              (core module $m
                (memory (export "memory") 1)
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 65535))
                (func (export "f") (param i32 i32) (result i32) (local.get 1)))
              (core instance $i (instantiate $m))
              (func $f (param "s" string) (result u32)
                (canon lift (core func $i "f") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
              (export "f" (func $f)))
            """;
        AssertTraps(component, "realloc", WitValue.String("hello"));
    }

    [Fact]
    public void Calling_out_during_post_return()
    {
        var component = """
            (component
              (import "ping" (func $ping))
              (core func $ping (canon lower (func $ping)))
              (core module $m
                (import "host" "ping" (func $ping))
                (func (export "f") (result i32) (i32.const 5))
                (func (export "post") (param i32) (call $ping)))
              (core instance $i (instantiate $m (with "host" (instance (export "ping" (func $ping))))))
              (func $f (result u32) (canon lift (core func $i "f") (post-return (core func $i "post"))))
              (export "f" (func $f)))
            """;
        var pinged = 0;
        using var instance = Runtime.LoadText(component).Instantiate(new HostImports().DefineFunction("ping", _ =>
        {
            pinged++;
            return Array.Empty<WitValue>();
        }));
        var trap = Assert.Throws<ComponentTrapException>(() => instance.GetFunction("f")!.Invoke());
        Assert.Contains("cannot leave", trap.Message);
        Assert.Equal(0, pinged);
        Assert.True(instance.State.Poisoned);
        HostStillWorks();
    }

    [Fact]
    public void Core_traps_become_component_traps()
    {
        AssertTraps(Exporting("u32", "(unreachable)"), "unreachable");
    }
}
