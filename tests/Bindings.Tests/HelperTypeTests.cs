using System.Reflection;
using Fixtures.Echoes.Echoes;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// <c>Result</c>, <c>Option</c> and <c>Unit</c> are the runtime's types, the same for every generated namespace: a
/// result from one WIT package can be passed where another package's bindings expect one.
/// </summary>
public class HelperTypeTests
{
    private static readonly Assembly Generated = typeof(EchoesWorld).Assembly;

    [Fact]
    public void No_generated_namespace_declares_its_own_helper_types()
    {
        Assert.DoesNotContain(Generated.GetTypes(), t => t.Name is "Result`2" or "Option`1" or "Unit");
    }

    [Fact]
    public void Bindings_of_different_packages_use_the_same_runtime_result_type()
    {
        // The echoes fixture (namespace Fixtures.Echoes) and wasi-http (namespace Wasi.Http) are generated in this project.
        var echoes = typeof(EchoesWorld).GetMethod(nameof(EchoesWorld.EchoResult))!.ReturnType;
        var http = HelperTypesIn("Wasi.Http");
        Assert.Equal(typeof(Result<uint, string>), echoes);
        Assert.Contains(typeof(Result<,>), http);
        Assert.All(http, t => Assert.Same(typeof(Result<,>).Assembly, t.Assembly));
    }

    /// <summary>The generic definitions of the Result and Option types in the signatures of a namespace's generated members.</summary>
    private static List<Type> HelperTypesIn(string ns) =>
        Generated.GetTypes()
            .Where(t => t.Namespace?.StartsWith(ns, StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .Where(t => t.IsGenericType && t.Name is "Result`2" or "Option`1")
            .Select(t => t.GetGenericTypeDefinition())
            .Distinct()
            .ToList();
}
