using Microsoft.CodeAnalysis;
using WitBindgen.Generator.Tests.Infrastructure;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>Every generated type says it is generated, and by which version of the generator.</summary>
public class GeneratedCodeTests
{
    public static TheoryData<string> Cases => new() { "bindings-values", "bindings-resources", "bindings-names", "variants", "enums-flags" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_generated_type_carries_GeneratedCode_with_the_generator_version(string name)
    {
        var result = GeneratorHarness.Run(GeneratorCorpus.Load(name), withRuntime: true);
        var compilation = GeneratorHarness.Compilation(withRuntime: true, result.GeneratedSources.Select(s => s.SourceText.ToString()).ToArray());
        var version = typeof(WitGenerator).Assembly.GetName().Version!.ToString();
        var types = SourceTypes(compilation.Assembly.GlobalNamespace).ToList();
        Assert.NotEmpty(types);
        Assert.All(types, type =>
        {
            var attribute = type.GetAttributes().SingleOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute");
            Assert.True(attribute is not null, $"{type} has no [GeneratedCode]");
            Assert.Equal(new object?[] { "WitBindgen", version }, attribute!.ConstructorArguments.Select(a => a.Value));
        });
    }

    private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var type in SourceTypes(ns))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type && type.Locations.Any(l => l.IsInSource))
            {
                yield return type;
                foreach (var nested in SourceTypes(type))
                {
                    yield return nested;
                }
            }
        }
    }
}
