// The four plugins (test:plugins/plugin-world, tests/components/wit/plugin.wit) through the generated
// bindings (Plugins.PluginWorld.PluginWorld), with the expected values of the Wasmtime reference
// tests (RustGuestReferenceTests, CGuestReferenceTests, GoPluginReferenceTests, JsPluginReferenceTests).
// The C plugin imports nothing; the others import WASI through their adapters (WitBindgen.Wasi).
using Plugins.PluginWorld;
using Xunit;
using PluginResult = WitBindgen.Runtime.Result<string, string>;

namespace WitBindgen.Components.Tests;

/// <summary>One instance of a plugin for a whole test class.</summary>
public abstract class PluginFixture(string file) : IDisposable
{
    private readonly Lazy<PluginWorld> _world = new(() => PluginWorld.Instantiate(BindingsRuntime.Load(file), BindingsRuntime.Wasi()));

    public PluginWorld.PluginExports Plugin => _world.Value.Plugin;

    public void Dispose()
    {
        if (_world.IsValueCreated)
        {
            _world.Value.Dispose();
        }
    }
}

public sealed class RustPlugin() : PluginFixture("plugin-rust.component.wasm");
public sealed class GoPlugin() : PluginFixture("plugin-go.component.wasm");
public sealed class CPlugin() : PluginFixture("plugin-c.component.wasm");
public sealed class JsPlugin() : PluginFixture("plugin-js.component.wasm");

/// <summary>name() and run() of one plugin; subclasses give the expected transformation.</summary>
public abstract class BindingsPluginTests(PluginFixture fixture)
{
    protected PluginWorld.PluginExports P => fixture.Plugin;

    protected abstract string ExpectedName { get; }

    /// <summary>What run(input) answers for a non-empty input.</summary>
    protected abstract string Transform(string input);

    protected static PluginResult Ok(string s) => PluginResult.FromOk(s);

    [Fact]
    public void Name()
    {
        Assert.Equal(ExpectedName, P.Name());
        Assert.Equal(ExpectedName, P.Name());
    }

    [Fact]
    public void Run_rejects_empty_input()
    {
        var r = P.Run("");
        Assert.True(r.IsErr);
        Assert.Equal("empty input", r.Err);
        Assert.Equal(PluginResult.FromErr("empty input"), r);
    }

    [Fact]
    public void Run_large_input_repeatedly()
    {
        for (int i = 0; i < 3; i++)
        {
            var s = ValuesReferenceTests.Mixed(300_000 + i);
            Assert.Equal(Ok(Transform(s)), P.Run(s));
            Assert.Equal(PluginResult.FromErr("empty input"), P.Run(""));
        }
        Assert.Equal(ExpectedName, P.Name());
    }
}

public sealed class RustBindingsPluginTests(RustPlugin f) : BindingsPluginTests(f), IClassFixture<RustPlugin>
{
    protected override string ExpectedName => "rust-upper";

    protected override string Transform(string input) => new(input.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 32) : c).ToArray());

    [Theory]
    [InlineData("hello", "HELLO")]
    [InlineData("Hello, World! 123", "HELLO, WORLD! 123")]
    [InlineData("grüße, straße 😀 ß", "GRüßE, STRAßE 😀 ß")] // ASCII letters only
    [InlineData("a", "A")]
    [InlineData("ALREADY", "ALREADY")]
    [InlineData(" ", " ")]
    public void Run_uppercases_ascii(string input, string expected) => Assert.Equal(Ok(expected), P.Run(input));
}

public sealed class CBindingsPluginTests(CPlugin f) : BindingsPluginTests(f), IClassFixture<CPlugin>
{
    protected override string ExpectedName => "c-reverse";

    protected override string Transform(string input) => ValuesReferenceTestsReverse(input);

    private static string ValuesReferenceTestsReverse(string s) => string.Concat(s.EnumerateRunes().Reverse().Select(r => r.ToString()));

    [Theory]
    [InlineData("abc", "cba")]
    [InlineData("a", "a")]
    [InlineData("añ😀b", "b😀ña")]
    [InlineData("e\u0301", "\u0301e")] // scalars, not grapheme clusters
    [InlineData("日本語", "語本日")]
    public void Run_reverses_scalars(string input, string expected) => Assert.Equal(Ok(expected), P.Run(input));
}

public sealed class GoBindingsPluginTests(GoPlugin f) : BindingsPluginTests(f), IClassFixture<GoPlugin>
{
    protected override string ExpectedName => "go-title";

    // an ASCII letter that starts a space-separated word is uppercased; nothing else changes
    protected override string Transform(string input)
    {
        var chars = input.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if ((i == 0 || chars[i - 1] == ' ') && chars[i] is >= 'a' and <= 'z')
            {
                chars[i] = (char)(chars[i] - 32);
            }
        }
        return new string(chars);
    }

    [Theory]
    [InlineData("hello world", "Hello World")]
    [InlineData("a", "A")]
    [InlineData("Already Title", "Already Title")]
    [InlineData("  two  spaces ", "  Two  Spaces ")]
    [InlineData("x-ray 9lives élan über", "X-ray 9lives élan über")] // ASCII letters only
    [InlineData("tab\tseparated words", "Tab\tseparated Words")] // only spaces separate words
    [InlineData("mIXED cASE", "MIXED CASE")]
    [InlineData(" ", " ")]
    public void Run_title_cases_words(string input, string expected) => Assert.Equal(Ok(expected), P.Run(input));

    [Fact]
    public void Run_large_words()
    {
        var big = string.Concat(Enumerable.Repeat("word ünï ", 100_000));
        Assert.Equal(Ok(string.Concat(Enumerable.Repeat("Word ünï ", 100_000))), P.Run(big));
    }
}

public sealed class JsBindingsPluginTests(JsPlugin f) : BindingsPluginTests(f), IClassFixture<JsPlugin>
{
    protected override string ExpectedName => "js-count";

    protected override string Transform(string input) => $"{input.EnumerateRunes().Count()} chars";

    [Theory]
    [InlineData("a", "1 chars")]
    [InlineData("hello world", "11 chars")]
    [InlineData(" ", "1 chars")]
    [InlineData("äöü", "3 chars")] // scalar values, not UTF-8 bytes
    [InlineData("😀😀", "2 chars")] // not UTF-16 code units
    [InlineData("a\0b", "3 chars")]
    [InlineData("e\u0301", "2 chars")]
    public void Run_counts_unicode_scalar_values(string input, string expected) => Assert.Equal(Ok(expected), P.Run(input));

    [Fact]
    public void Run_large_input_counts()
    {
        Assert.Equal(Ok("500000 chars"), P.Run(string.Concat(Enumerable.Repeat("ab😀ü ", 100_000))));
    }
}
