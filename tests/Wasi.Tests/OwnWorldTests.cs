using System.Text;
using WitBindgen.Runtime;
using WitBindgen.Wasi.Tests.OwnWorld.Logger;
using Xunit;

namespace WitBindgen.Wasi.Tests;

/// <summary>
/// A world of the tests' own that imports WASI (<c>include wasi:cli/imports@0.2.12</c>) and exports functions passing
/// WASI types: its generated bindings reuse WitBindgen.Wasi's types (no copies, so no CS0436 under warnings as
/// errors), leave the WASI imports to the WASI host, and pass the WASI host's own resource objects.
/// </summary>
public class OwnWorldTests
{
    private static readonly ComponentRuntime Runtime = new();

    private static readonly Lazy<LoadedComponent> Component = new(() =>
        Runtime.LoadText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "own-world.wat"))));

    [Fact]
    public void The_WASI_hosts_stdout_stream_passed_to_the_component_writes_to_the_configured_stream()
    {
        var stdout = new MemoryStream();
        var wasi = new WasiHost(new WasiConfiguration().WithStdout(stdout));

        // The WASI host's own object, of WitBindgen.Wasi's class: the world's export takes it as it is.
        global::Wasi.Io.Streams.OutputStream stream = wasi.Imports.Stdout.GetStdout();
        using var logger = LoggerWorld.Instantiate(Component.Value, wasi.Imports.ToHostImports());
        logger.LogTo(stream, "hello from the guest ✓\n");
        logger.LogTo(stream, "twice\n");

        Assert.Equal("hello from the guest ✓\ntwice\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void A_stream_of_the_applications_own_class_reaches_its_overrides_through_the_WASI_host()
    {
        var sink = new CapturingStream();
        using var logger = LoggerWorld.Instantiate(Component.Value, new WasiConfiguration().Build());
        logger.LogTo(sink, "captured");
        Assert.Equal("captured", Encoding.UTF8.GetString(sink.Written.ToArray()));
    }

    [Fact]
    public void A_WASI_record_in_the_worlds_own_export_is_WitBindgen_Wasis_type()
    {
        Assert.Same(typeof(WasiHost).Assembly, typeof(global::Wasi.Clocks.WallClock.Datetime).Assembly);
        using var logger = LoggerWorld.Instantiate(Component.Value, new WasiConfiguration().Build());
        Assert.Equal(1_700_000_000UL, logger.SecondsOf(new global::Wasi.Clocks.WallClock.Datetime(1_700_000_000, 5)));
    }

    [Fact]
    public void Without_the_WASI_host_as_a_provider_instantiation_names_what_is_missing()
    {
        var error = Assert.Throws<ComponentLinkException>(() => LoggerWorld.Instantiate(Component.Value));
        Assert.Contains("wasi:io/streams@0.2.12", error.Message);
    }

    /// <summary>An output stream implemented by the application: the guest's writes reach it through the WASI host's import.</summary>
    private sealed class CapturingStream : global::Wasi.Io.Streams.OutputStream
    {
        public MemoryStream Written { get; } = new();

        public override Result<global::WitBindgen.Runtime.Unit, global::Wasi.Io.Streams.StreamError> BlockingWriteAndFlush(byte[] contents)
        {
            Written.Write(contents);
            return Result.Ok();
        }

        public override Result<ulong, global::Wasi.Io.Streams.StreamError> CheckWrite() => throw new NotSupportedException();

        public override Result<global::WitBindgen.Runtime.Unit, global::Wasi.Io.Streams.StreamError> Write(byte[] contents) => throw new NotSupportedException();

        public override Result<global::WitBindgen.Runtime.Unit, global::Wasi.Io.Streams.StreamError> Flush() => throw new NotSupportedException();

        public override Result<global::WitBindgen.Runtime.Unit, global::Wasi.Io.Streams.StreamError> BlockingFlush() => throw new NotSupportedException();

        public override global::Wasi.Io.Poll.Pollable Subscribe() => throw new NotSupportedException();

        public override Result<global::WitBindgen.Runtime.Unit, global::Wasi.Io.Streams.StreamError> WriteZeroes(ulong len) => throw new NotSupportedException();

        public override Result<global::WitBindgen.Runtime.Unit, global::Wasi.Io.Streams.StreamError> BlockingWriteZeroesAndFlush(ulong len) => throw new NotSupportedException();

        public override Result<ulong, global::Wasi.Io.Streams.StreamError> Splice(global::Wasi.Io.Streams.InputStream src, ulong len) => throw new NotSupportedException();

        public override Result<ulong, global::Wasi.Io.Streams.StreamError> BlockingSplice(global::Wasi.Io.Streams.InputStream src, ulong len) => throw new NotSupportedException();
    }
}
