using WitBindgen.Generator.Consumer;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// The consumer project (tests/Generator.Consumer) is built by <c>dotnet build</c> with the generator
/// as an analyzer, Wit items and the package's props/targets; these tests use what it generated.
/// </summary>
public class EndToEndTests
{
    [Fact]
    public void Wit_single_file_item_with_namespace_metadata_generates_types()
    {
        Assert.Equal("timeout", Samples.Describe(new global::Consumer.Variants.Errors.ErrorCode.Timeout()));
        Assert.Equal("io: disk", Samples.Describe(new global::Consumer.Variants.Errors.ErrorCode.Io("disk")));
        Assert.True(typeof(global::Consumer.Variants.Errors.ErrorCode).IsAbstract);
    }

    [Fact]
    public void Wit_directory_item_with_deps_generates_the_worlds_interfaces()
    {
        Assert.Equal(new Wasi.Http.Types.DNSErrorPayload("NXDOMAIN", 3), Samples.Dns());
        Assert.IsType<Wasi.Http.Types.Method.Get>(Samples.Get());
        Assert.True(typeof(Wasi.Io.Streams.StreamError).IsAbstract);
        Assert.True(typeof(IDisposable).IsAssignableFrom(typeof(Wasi.Io.Streams.InputStream)));
    }

    [Fact]
    public void Wit_item_naming_several_worlds_separated_by_semicolons_generates_each()
    {
        // World="alpha;beta": the metadata travels through the generated .editorconfig, where ';' starts a
        // comment; the targets write ',' so that beta's interface is generated too (the consumer would not compile otherwise).
        var (one, two) = Samples.TwoWorlds();
        Assert.Equal(7u, one.A);
        Assert.Equal("seven", two.B);
    }

    [Fact]
    public void Wit_directory_item_without_its_trailing_slash_is_loaded_as_a_package_directory()
    {
        // <Wit Include="package-dir" />: before, the item was taken for a file and nothing was generated.
        Assert.Equal(new global::Consumer.Shapes.Sizes.Size(3, 4), Samples.Size());
    }
}
