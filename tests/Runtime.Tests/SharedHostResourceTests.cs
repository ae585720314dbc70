using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime.State;
using Xunit;

namespace WitBindgen.Runtime.Tests;

/// <summary>
/// A host resource defined with its table is found, type and table, by bindings generated elsewhere (another
/// assembly's, another world's) among their providers; anything else is a <see cref="ComponentLinkException"/> that
/// names what is missing.
/// </summary>
public class SharedHostResourceTests
{
    private sealed class Stream
    {
    }

    [Fact]
    public void A_resource_defined_with_its_table_is_found_with_the_same_type_and_table_by_semver()
    {
        var table = new HostResourceTable<Stream>();
        var provider = new HostImports();
        var defined = provider.DefineInstance("wasi:io/streams@0.2.12").DefineTableResource("output-stream", table, null);
        var all = new HostImports().Add(provider);

        var found = all.FindResourceTable<Stream>("wasi:io/streams@0.2.0", "output-stream", out var type);

        Assert.Same(table, found);
        Assert.Same(defined, type);
        var stream = new Stream();
        Assert.Same(stream, found.Get(table.Add(stream)));
    }

    [Fact]
    public void No_provider_of_the_interface_says_to_pass_one()
    {
        var error = Assert.Throws<ComponentLinkException>(() => new HostImports().FindResourceTable<Stream>("wasi:io/streams@0.2.12", "output-stream", out _));
        Assert.Contains("'output-stream' of the interface 'wasi:io/streams@0.2.12', which no provider defines", error.Message);
        Assert.Contains("WasiConfiguration.Build()", error.Message);
    }

    [Fact]
    public void A_provider_without_the_resource_is_named()
    {
        var host = new HostImports();
        host.DefineInstance("wasi:io/streams@0.2.12").DefineResource("input-stream");
        var error = Assert.Throws<ComponentLinkException>(() => host.FindResourceTable<Stream>("wasi:io/streams@0.2.12", "output-stream", out _));
        Assert.Contains("does not define its resource 'output-stream'", error.Message);
    }

    [Fact]
    public void A_resource_defined_without_a_table_or_with_another_class_cannot_be_passed()
    {
        var host = new HostImports();
        var instance = host.DefineInstance("test:a/b");
        instance.DefineResource("plain");
        instance.DefineTableResource("other", new HostResourceTable<string>(), null);

        var plain = Assert.Throws<ComponentLinkException>(() => host.FindResourceTable<Stream>("test:a/b", "plain", out _));
        Assert.Contains("without a table of", plain.Message);
        var other = Assert.Throws<ComponentLinkException>(() => host.FindResourceTable<Stream>("test:a/b", "other", out ResourceType _));
        Assert.Contains(typeof(Stream).FullName!, other.Message);
    }
}
