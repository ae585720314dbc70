using Wasmtime;
using WitBindgen.Cli;
using WitBindgen.Runtime;
using Xunit;
using WasmtimeComponent = Wasmtime.Components.Component;

namespace WitBindgen.Composition.Tests;

/// <summary><c>witbindgen compose</c>, run through CommandLine.Run.</summary>
public sealed class ComposeCommandTests : IDisposable
{
    private readonly PackageFolder _folder = EncodingGraphs.Folder();

    public void Dispose() => _folder.Dispose();

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string WriteWac(string text)
    {
        var path = Path.Combine(_folder.Root, "app.wac");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Compose_writes_one_component_that_both_runtimes_load()
    {
        var wac = WriteWac(EncodingGraphs.Graphs["chain"].Wac);
        var output = Path.Combine(_folder.Root, "app.wasm");

        var (code, stdout, stderr) = Run("compose", wac, "--deps", _folder.Root, "-o", output);

        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr);
        Assert.Contains("3 instances, 1 import, 2 exports", stdout);
        var bytes = File.ReadAllBytes(output);
        using var engine = new Engine(new Config().WithComponentModel(true));
        using var component = WasmtimeComponent.FromBytes(engine, bytes);
        using var runtime = new ComponentRuntime();
        var host = new HostImports();
        host.DefineInstance(EncodingGraphs.Logger).DefineFunction("log", _ => []);
        using var instance = runtime.Load(bytes).Instantiate(host);
        Assert.Equal("hi!!", instance.GetFunction("run")!.Invoke(Runtime.Abi.WitValue.String("hi")).Single().AsString());
    }

    [Fact]
    public void The_deps_folder_defaults_to_deps_next_to_the_file()
    {
        var deps = Path.Combine(_folder.Root, "deps", "test");
        Directory.CreateDirectory(deps);
        foreach (var name in new[] { "store", "mid" })
        {
            File.Copy(Path.Combine(_folder.Root, "test", name + ".wasm"), Path.Combine(deps, name + ".wasm"));
        }

        var wac = WriteWac("package demo:d;\nlet s = new test:store {};\nexport s.text;\n");
        var output = Path.Combine(_folder.Root, "out.wasm");
        var (code, _, stderr) = Run("compose", wac, "-o", output);
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Errors_in_the_file_are_located_like_wit_diagnostics_and_exit_with_1()
    {
        var wac = WriteWac("package demo:e;\nlet s = new test:store {};\nexport s.txet;\n");
        var output = Path.Combine(_folder.Root, "app.wasm");

        var (code, stdout, stderr) = Run("compose", wac, "--deps", _folder.Root, "-o", output);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("instance `s` (`test:store`) has no export `txet`", stderr);
        Assert.Contains($"--> {wac}:3:10", stderr);
        Assert.Contains("3 | export s.txet;", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void An_encoding_error_names_the_statement_and_exits_with_1()
    {
        var store = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "store.wat"))
            .Replace("(func $sum (param \"xs\" (list u32))", "(func $sum (param \"xs\" (list u8))");
        _folder.Write("test/store.wasm", Wasmtime.Module.ConvertText(store));
        var wac = WriteWac("package demo:e;\nlet s = new test:store {};\n\nlet m = new test:mid { ...s, ... };\nexport m.app;\n");
        var output = Path.Combine(_folder.Root, "app.wasm");

        var (code, _, stderr) = Run("compose", wac, "--deps", _folder.Root, "-o", output);

        Assert.Equal(1, code);
        Assert.StartsWith("instance `m` (`test:mid`): the composed component is invalid:", stderr);
        Assert.Contains($"--> {wac}:4:", stderr);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("compose")]
    [InlineData("compose", "app.wac")]
    [InlineData("compose", "app.wac", "-o")]
    [InlineData("compose", "app.wac", "--bogus", "-o", "x.wasm")]
    public void Usage_errors_print_the_usage_and_exit_with_2(params string[] args)
    {
        var (code, _, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("usage: witbindgen compose <file.wac>", stderr);
    }

    [Fact]
    public void Help_lists_the_compose_command()
    {
        var (code, stdout, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("witbindgen compose <file.wac> [--deps <dir>] -o <out.wasm>", stdout);
    }
}
