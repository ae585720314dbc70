using WitBindgen.Cli.Wast;
using Xunit;

namespace WitBindgen.Runtime.Tests.Wast;

/// <summary>
/// The project's own <c>.wast</c> scripts (Scripts/): every directive must do what the script asserts. The public
/// reference scripts are scored by <c>witbindgen wast</c> in <c>.ci/run</c>, not here.
/// </summary>
public class WastScriptTests
{
    private static readonly ComponentRuntime Runtime = new();

    public static TheoryData<string> Scripts => new(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Wast", "Scripts"), "*.wast")
        .Select(Path.GetFileName)
        .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Every_directive_passes(string script)
    {
        using var runner = new WastRunner(Runtime);
        var outcomes = runner.Run(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Wast", "Scripts", script)));
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.True(o.Passed, $"line {o.Line} {o.Kind}: {o.Detail}"));

        // A trap's message is text: no NUL of the C API's string left at its end.
        Assert.All(outcomes.Where(o => o.Kind == "assert_trap"), o => Assert.DoesNotContain('\0', o.Detail));
    }

    [Fact]
    public void The_runner_reports_what_a_script_asserts_wrongly()
    {
        using var runner = new WastRunner(Runtime);
        var outcomes = runner.Run("""
            (component
              (core module $m (func (export "f") (result i32) (i32.const 1)))
              (core instance $i (instantiate $m))
              (func (export "f") (result u32) (canon lift (core func $i "f"))))
            (assert_return (invoke "f") (u32.const 2))
            (assert_trap (invoke "f") "no trap")
            (assert_invalid (component) "a valid component")
            (assert_unlinkable (component) "nothing to link")
            """);
        Assert.Equal(["component", "assert_return", "assert_trap", "assert_invalid", "assert_unlinkable"], outcomes.Select(o => o.Kind));
        Assert.True(outcomes[0].Passed);
        Assert.All(outcomes.Skip(1), o => Assert.False(o.Passed));
        Assert.Equal("expected 2, got 1", outcomes[1].Detail);
    }

    [Fact]
    public void A_trap_the_runtime_raises_because_it_cannot_run_the_guest_never_satisfies_assert_trap()
    {
        using var runner = new WastRunner(Runtime);
        var outcomes = runner.Run("""
            (component
              (core module $m
                (import "" "thread.index" (func $index (result i32)))
                (func (export "f") (result i32) (call $index))
                (func (export "g") (result i32) unreachable))
              (core func $index (canon thread.index))
              (core instance $i (instantiate $m (with "" (instance (export "thread.index" (func $index))))))
              (func (export "f") async (result u32) (canon lift (core func $i "f")))
              (func (export "g") (result u32) (canon lift (core func $i "g"))))
            (assert_trap (invoke "f") "some trap the script means")
            (assert_trap (invoke "g") "unreachable")
            """);
        Assert.Equal(["component", "assert_trap", "assert_trap"], outcomes.Select(o => o.Kind));
        Assert.False(outcomes[1].Passed);
        Assert.Contains("cannot run this", outcomes[1].Detail, StringComparison.Ordinal);
        Assert.True(outcomes[2].Passed);
    }

    [Fact]
    public void Strings_comments_and_binary_escapes_are_read_as_the_text_format_says()
    {
        var all = SExpression.ParseAll("""
            ;; line comment
            (a (; block (; nested ;) ;) "x\00\ff\n\u{1F600}" $id 0x1_0) ;; trailing
            """);
        var a = Assert.Single(all);
        Assert.Equal("a", a.Head);
        Assert.Equal(new byte[] { (byte)'x', 0, 0xff, (byte)'\n', 0xF0, 0x9F, 0x98, 0x80 }, a.Items[1].Bytes);
        Assert.Equal("$id", a.Items[2].Atom);
        Assert.Equal("0x1_0", a.Items[3].Atom);
        Assert.Equal(2, a.Line);
        Assert.Throws<FormatException>(() => SExpression.ParseAll("(unclosed"));
    }
}
