using WitBindgen.Runtime.Validation;
using Xunit;

namespace WitBindgen.Runtime.Tests.Validation;

/// <summary>The grammar of import and export names, semantic versions and the strong-uniqueness canonical form.</summary>
public class ExternNameGrammarTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("a-b-c")]
    [InlineData("a1-2-3")]
    [InlineData("A-B-C")]
    [InlineData("A1-2-3")]
    [InlineData("a11-w0rds")]
    [InlineData("m1x3d-4CR0NYMS")]
    [InlineData("[constructor]r")]
    [InlineData("[method]my-res.get-X")]
    [InlineData("[static]R.make")]
    [InlineData("wasi:io/streams")]
    [InlineData("wasi:io/streams@0.2.0")]
    [InlineData("wasi:io/streams@0.2")]
    [InlineData("a-1:b-2/C-3@1.0.0-x.7+y.08")]
    public void Accepts_extern_names(string name) => Assert.Null(ExternNameGrammar.Check(name));

    [Theory]
    [InlineData("1-2-3", "`1-2-3` is not in kebab case")]
    [InlineData("aB", "`aB` is not in kebab case")]
    [InlineData("a-", "`a-` is not in kebab case")]
    [InlineData("[constructor]r.x", "`r.x` is not in kebab case")]
    [InlineData("[static]r", "failed to find `.` character between the resource label and the function label after `[static]`")]
    [InlineData("ns-X:p/i", "namespace `ns-X` is not lowercase words (`[a-z][0-9a-z]*` joined by `-`)")]
    [InlineData("ns:p", "expected `/` after package name")]
    [InlineData("ns:p/i@v1", "invalid version `v1`: unexpected character 'v' while parsing major version number")]
    public void Refuses_other_names(string name, string reason) => Assert.Equal(reason, ExternNameGrammar.Check(name));

    [Theory]
    [InlineData("foo", "foo")]
    [InlineData("FOO-bar", "foo-bar")]
    [InlineData("[constructor]Foo-X", "[constructor]foo-x")]
    [InlineData("[method]foo.BAR", "foo.bar")]
    [InlineData("[static]foo.bar", "foo.bar")]
    [InlineData("[method]Foo.foo", "foo")]
    [InlineData("[static]foo-BAR.FOO-bar", "foo-bar")]
    [InlineData("ns:pkg/IFACE@1.0.0-RC", "ns:pkg/iface@1.0.0-RC")]
    public void Canonicalizes_names_for_strong_uniqueness(string name, string canonical) =>
        Assert.Equal(canonical, ExternNameGrammar.Canonical(name));

    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30-rc.1.x-y+build.001")]
    [InlineData("1.0.0+0")]
    public void Accepts_semantic_versions(string version) => Assert.Null(SemanticVersion.Check(version));

    [Theory]
    [InlineData("", "empty string, expected a semver version")]
    [InlineData("1", "unexpected end of input while parsing minor version number")]
    [InlineData("1.02.0", "invalid leading zero in minor version number")]
    [InlineData("1.2.3.4", "unexpected character '.' after patch version number")]
    [InlineData("1.2.3-a..b", "empty identifier segment in pre-release identifier")]
    [InlineData("1.2.3-007", "invalid leading zero in pre-release identifier")]
    [InlineData("1.2.3+a!b", "unexpected character '!' in build metadata")]
    public void Refuses_other_versions(string version, string reason) => Assert.Equal(reason, SemanticVersion.Check(version));

    [Theory]
    [InlineData("1", true)]
    [InlineData("12", true)]
    [InlineData("0.2", true)]
    [InlineData("0.0.3", true)]
    [InlineData("0.0.0", true)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("01", false)]
    [InlineData("1.0", false)]
    [InlineData("0.2.1", false)]
    public void Knows_canonical_versions(string version, bool canonical) => Assert.Equal(canonical, SemanticVersion.IsCanonical(version));
}
