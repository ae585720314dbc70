using WitBindgen.Generator.Specs;
using WitBindgen.Runtime.Abi;
using WitBindgen.WitParser.Model;
using Xunit;
using Xunit.Abstractions;

namespace WitBindgen.Generator.Tests.Layout;

/// <summary>
/// The generator and the runtime compile the same layout rules (src/Shared/CanonicalLayout); these tests check that
/// what each builds from them agrees, for every type in every function signature of every corpus: the generator's
/// shape (which it writes into generated code as sizes, offsets and flat counts) against the runtime's
/// <see cref="AbiType"/> (built structurally from the WIT model by <see cref="RuntimeAbiTypes"/>), and each bound
/// function's spilling against the runtime's <see cref="AbiFunctionType"/>.
/// </summary>
public class LayoutAgreementTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => LayoutCorpus.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_signature_and_declared_type_has_the_same_layout_in_generator_and_runtime(string corpus)
    {
        var resolve = LayoutCorpus.Load(corpus);
        var builder = NewBuilder(resolve, resolve.Worlds.FirstOrDefault()?.Package ?? new PackageId(0), world: null);
        var runtime = new RuntimeAbiTypes(resolve);
        var comparison = new LayoutComparison();
        int types = 0, unbound = 0;

        // Each parameter and result of every function, then every type definition (types-only corpora declare many
        // types no function uses).
        var signatureTypes = Functions(resolve).SelectMany(f => f.Function.Params.Select(p => ($"{f.Owner} {f.Function.Name} {p.Name}", p.Type))
            .Concat(f.Function.Result is { } r ? new[] { ($"{f.Owner} {f.Function.Name} result", r) } : []));
        var declaredTypes = resolve.Types.Select((t, i) => ($"type {t.Name ?? "<anonymous>"}", WitType.Of(new TypeId(i))));
        foreach (var (where, type) in signatureTypes.Concat(declaredTypes))
        {
            var shape = builder.Shape(type);
            AbiType? abi;
            try
            {
                abi = runtime.Of(type);
            }
            catch (ArgumentException e)
            {
                // The runtime refuses the type (larger than component validation allows): so must the generator.
                if (shape is not null)
                {
                    comparison.Problem($"{where}: the runtime refuses the type ({e.Message}), the generator binds it");
                }

                unbound++;
                continue;
            }

            if (shape is null || abi is null)
            {
                if (shape is not null)
                {
                    comparison.Problem($"{where}: the generator binds {shape.WitName}, the runtime has no descriptor for it");
                }

                unbound++;
                continue;
            }

            comparison.Compare(shape, abi, where);
            types++;
        }

        output.WriteLine($"{corpus}: {types} signature and declared types compared ({comparison.Nodes} type nodes with their parts), {unbound} not bindable");
        Assert.Empty(comparison.Problems);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_bound_function_spills_like_the_runtime_function_type(string corpus)
    {
        var resolve = LayoutCorpus.Load(corpus);
        var runtime = new RuntimeAbiTypes(resolve);
        var comparison = new LayoutComparison();
        var functions = 0;
        foreach (var world in resolve.Worlds.Where(w => w.Package is not null))
        {
            var spec = NewBuilder(resolve, world.Package!.Value, world.Name).Build();
            foreach (var binding in spec.Bindings)
            {
                foreach (var (group, witFunctions) in binding.Imports.Select(g => (g, WorldFunctions(resolve, world.Imports)))
                    .Concat(binding.Exports.Select(g => (g, WorldFunctions(resolve, world.Exports)))))
                {
                    foreach (var function in group.Functions.Concat(group.Resources.SelectMany(r => r.Functions)))
                    {
                        var wit = witFunctions[(group.InstanceName ?? string.Empty, function.WitName)];
                        CompareFunction(comparison, $"world {world.Name}: {group.InstanceName ?? "world"} {function.WitName}", function, wit, runtime);
                        functions++;
                    }
                }
            }
        }

        output.WriteLine($"{corpus}: {functions} bound functions compared");
        Assert.Empty(comparison.Problems);
    }

    [Fact]
    public void The_comparison_covers_the_wasi_corpus()
    {
        // Guards the theories above against comparing nothing: WASI 0.2 and wasi-http have hundreds of functions.
        var resolve = LayoutCorpus.Load(LayoutCorpus.Wasi);
        var builder = NewBuilder(resolve, resolve.Worlds[0].Package!.Value, world: null);
        var runtime = new RuntimeAbiTypes(resolve);
        var comparison = new LayoutComparison();
        foreach (var (_, function) in Functions(resolve))
        {
            foreach (var type in function.Params.Select(p => p.Type).Concat(function.Result is { } r ? new[] { r } : []))
            {
                if (builder.Shape(type) is { } shape && runtime.Of(type) is { } abi)
                {
                    comparison.Compare(shape, abi, function.Name);
                }
            }
        }

        Assert.True(comparison.Nodes > 1000, $"only {comparison.Nodes} type nodes compared");
        Assert.Empty(comparison.Problems);
    }

    private static void CompareFunction(LayoutComparison comparison, string where, FunctionSpec function, WitFunction wit, RuntimeAbiTypes runtime)
    {
        List<AbiType?> parameters;
        AbiType? result;
        try
        {
            parameters = wit.Params.Select(p => runtime.Of(p.Type)).ToList();
            result = wit.Result is { } r ? runtime.Of(r) : null;
        }
        catch (ArgumentException e)
        {
            comparison.Problem($"{where}: bound by the generator, but the runtime refuses a type of its signature ({e.Message})");
            return;
        }

        if (parameters.Any(p => p is null) || (wit.Result is not null && result is null) || parameters.Count != function.Params.Count)
        {
            comparison.Problem($"{where}: bound by the generator, but the runtime cannot describe its signature");
            return;
        }

        var type = new AbiFunctionType(parameters!, result is null ? [] : [result]);
        for (var i = 0; i < parameters.Count; i++)
        {
            comparison.Compare(function.Params[i].Shape, parameters[i]!, $"{where} {function.Params[i].WitName}");
        }

        if (function.ParamsSpilled != type.ParametersSpilled)
        {
            comparison.Problem($"{where}: parameters spilled: generator {function.ParamsSpilled}, runtime {type.ParametersSpilled} ({type.FlatParameterCount} flat)");
        }
        else if (type.ParameterTuple is { } tuple)
        {
            // The bindings writer lays the spilled parameters out with AbiLayout.Product.
            var (offsets, size, align) = AbiLayout.Product(function.Params.Select(p => p.Shape));
            if (size != tuple.Size || align != tuple.Alignment || !offsets.SequenceEqual(tuple.FieldOffsets.ToArray()))
            {
                comparison.Problem($"{where}: spilled parameters at [{string.Join(", ", offsets)}] size {size} align {align} in the generator, "
                    + $"[{string.Join(", ", tuple.FieldOffsets.ToArray())}] size {tuple.Size} align {tuple.Alignment} in the runtime");
            }
        }
        else
        {
            var generator = string.Join(" ", function.Params.SelectMany(p => p.Shape.Flat).Select(f => f.ToString()));
            var runtimeFlat = string.Join(" ", type.Parameters.SelectMany(p => p.FlatTypes.ToArray()).Select(c => c.ToString()));
            if (generator != runtimeFlat)
            {
                comparison.Problem($"{where}: flat parameters {generator} in the generator, {runtimeFlat} in the runtime");
            }
        }

        // The generator returns a result as one flat value exactly when it flattens to one (FlatResults == 1).
        var generatorSpillsResult = function.Result is not null && function.FlatResults != 1;
        if (generatorSpillsResult != type.ResultsSpilled)
        {
            comparison.Problem($"{where}: result spilled: generator {generatorSpillsResult}, runtime {type.ResultsSpilled} ({type.FlatResultCount} flat)");
        }
        else if (type.ResultTuple is { } results && (function.Result!.Align != results.Alignment || AlignedSize(function.Result) != results.Size))
        {
            comparison.Problem($"{where}: the return area is {function.Result.Size} bytes aligned to {function.Result.Align} in the generator, "
                + $"{results.Size} aligned to {results.Alignment} in the runtime");
        }
    }

    /// <summary>A one-element tuple's size: the element's, rounded up to its alignment (which it already is).</summary>
    private static int AlignedSize(ShapeSpec shape) => (shape.Size + shape.Align - 1) / shape.Align * shape.Align;

    private static SpecBuilder NewBuilder(WitResolve resolve, PackageId main, string? world) =>
        new(resolve, main, new WitUnit(null, new[] { new WitInputFile("/layout.wit", string.Empty, null, world, null, null) }.ToEquatableArray(), world, null, null), CancellationToken.None, bindings: true);

    /// <summary>Every function of every interface and every world-level function, with where it is declared.</summary>
    private static IEnumerable<(string Owner, WitFunction Function)> Functions(WitResolve resolve) =>
        resolve.Interfaces.SelectMany(i => i.Functions.Values.Select(f => ($"interface {i.Name ?? "<inline>"}", f)))
            .Concat(resolve.Worlds.SelectMany(w => w.Imports.Values.Concat(w.Exports.Values)
                .OfType<WorldFunctionItem>()
                .Select(f => ($"world {w.Name}", f.Function))));

    /// <summary>The functions of a world's imports or exports by (instance name, or empty for world-level functions; function name).</summary>
    private static Dictionary<(string, string), WitFunction> WorldFunctions(WitResolve resolve, OrderedMap<WorldKey, WorldItem> items)
    {
        var functions = new Dictionary<(string, string), WitFunction>();
        foreach (var (key, item) in items)
        {
            switch (item)
            {
                case WorldInterfaceItem i:
                    foreach (var f in resolve[i.Interface].Functions.Values)
                    {
                        functions[(resolve.NameOf(key), f.Name)] = f;
                    }

                    break;
                case WorldFunctionItem f:
                    functions[(string.Empty, f.Function.Name)] = f.Function;
                    break;
            }
        }

        return functions;
    }
}
