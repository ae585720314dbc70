using WitBindgen.Generator.Tests.Guest;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// The generated guest code run natively against an emulated linear memory and driven by the runtime's canonical ABI
/// (the host side, checked against Wasmtime): for every type family, what the host lowers the guest lifts as the
/// independently written C# value, what the guest lowers the host lifts as the expected WIT value, and every block
/// the call allocated is freed (after post-return for exports, after the call for imports).
/// </summary>
[Collection(nameof(GuestAbiTests))]
[CollectionDefinition(nameof(GuestAbiTests), DisableParallelization = true)]
public class GuestAbiTests
{
    private static readonly List<GuestCase> Cases = HarnessCases.All.Append(HarnessCases.Log).ToList();

    private static GuestHost Load(string encoding, Func<string, string, ulong[], ulong> imports)
    {
        var result = GuestGeneration.Run(GuestGeneration.Harness, encoding);
        Assert.Null(result.Exception);
        return GuestHost.Load(result, encoding == "utf16", imports, HarnessCases.ExpectedSource(Cases));
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void Exports_lift_what_the_host_lowers_and_lower_what_the_host_lifts(string encoding)
    {
        var host = Load(encoding, (module, name, _) => throw new InvalidOperationException($"unexpected import {module}#{name}"));
        var failures = new List<string>();
        var calls = 0;
        for (var k = 0; k < Cases.Count; k++)
        {
            var c = Cases[k];
            if (c.Name == "log")
            {
                continue;
            }

            var function = c.Function;
            var core = new RawValue[Math.Max(1, GuestCase.Flat(c.Parameters).Count)];
            var count = CanonicalAbi.LowerExportArguments(host.Context, function, c.HostArguments, core);
            var types = function.ParametersSpilled ? new List<CoreValueType> { CoreValueType.I32 } : GuestCase.Flat(c.Parameters);
            var raw = core.Take(count).Select((v, i) => GuestCase.ToRaw(v, types[i])).ToArray();
            host.SetResult(host.Field("Harness.Expected", "Result" + k));
            var returned = host.Call(c.Entry, raw);
            calls++;

            var expectedArguments = (object?[])host.Field("Harness.Expected", "Args" + k)!;
            if (!DeepEquality.Equal(expectedArguments, host.Received))
            {
                failures.Add($"{c.Entry} #{k}: the guest received [{string.Join(", ", host.Received ?? Array.Empty<object?>())}], expected [{string.Join(", ", expectedArguments)}]");
            }

            if (c.Result is { } resultType)
            {
                var flat = GuestCase.Flat(new[] { resultType });
                var spilled = flat.Count > 1;
                var lifted = CanonicalAbi.LiftExportResults(host.Context, function, new[] { GuestCase.FromRaw(returned, spilled ? CoreValueType.I32 : flat[0]) });
                if (lifted[0] != c.HostResult)
                {
                    failures.Add($"{c.Entry} #{k}: the host lifted {lifted[0]}, expected {c.HostResult}");
                }

                var post = "cabi_post_" + c.Entry;
                if (spilled != host.Exports(post))
                {
                    failures.Add($"{c.Entry}: a post-return is exported exactly when the result is returned through memory ({spilled})");
                }

                if (spilled)
                {
                    // The return area (at least) is still allocated until post-return.
                    if (host.Heap.Live == 0 || host.Owned == 0)
                    {
                        failures.Add($"{c.Entry} #{k}: nothing allocated before post-return");
                    }

                    host.Call(post, returned);
                }
            }

            if (host.Heap.Live != 0 || host.Owned != 0)
            {
                failures.Add($"{c.Entry} #{k}: {host.Heap.Live} blocks live, {host.Owned} owned after the call");
            }
        }

        failures.AddRange(host.Heap.Errors);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Cases.Count - 1, calls);
        Assert.True(host.Heap.Allocations > 20, $"the calls allocated only {host.Heap.Allocations} blocks");
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void Imports_lower_what_the_host_lifts_and_lift_what_the_host_lowers(string encoding)
    {
        GuestCase? current = null;
        GuestHost? host = null;
        var failures = new List<string>();
        var calls = 0;
        host = Load(encoding, (module, name, raw) =>
        {
            calls++;
            var c = current!;
            if (module != c.Module || name != c.Name)
            {
                failures.Add($"the guest called {module}#{name}, expected {c.Entry}");
                return 0;
            }

            var function = c.Function;
            var resultFlat = c.Result is null ? new List<CoreValueType>() : GuestCase.Flat(new[] { c.Result });
            var types = function.ParametersSpilled ? new List<CoreValueType> { CoreValueType.I32 } : GuestCase.Flat(c.Parameters);
            if (resultFlat.Count > 1)
            {
                types.Add(CoreValueType.I32);
            }

            if (raw.Length != types.Count)
            {
                failures.Add($"{c.Entry}: {raw.Length} core arguments, expected {types.Count}");
                return 0;
            }

            var core = raw.Select((r, i) => GuestCase.FromRaw(r, types[i])).ToArray();
            var arguments = CanonicalAbi.LiftImportArguments(host!.Context, function, core);
            if (!arguments.SequenceEqual(c.HostArguments))
            {
                failures.Add($"{c.Entry}: the host lifted [{string.Join(", ", arguments.Select(a => a.ToString()))}], expected [{string.Join(", ", c.HostArguments.Select(a => a.ToString()))}]");
            }

            var results = new RawValue[1];
            var written = CanonicalAbi.LowerImportResults(host.Context, function, c.HostResult is null ? Array.Empty<WitValue>() : new[] { c.HostResult }, core, results);
            return written == 1 ? GuestCase.ToRaw(results[0], resultFlat[0]) : 0;
        });

        for (var k = 0; k < Cases.Count; k++)
        {
            var c = Cases[k];
            if (c.Name == "run")
            {
                continue;
            }

            current = c;
            var before = calls;
            var arguments = (object?[])host.Field("Harness.Expected", "Args" + k)!;
            var value = host.Invoke(c.ImportClass, c.Method, arguments);
            if (calls != before + 1)
            {
                failures.Add($"{c.Entry} #{k}: the import was called {calls - before} times");
            }

            var expected = host.Field("Harness.Expected", "Result" + k);
            if (!DeepEquality.Equal(expected, value))
            {
                failures.Add($"{c.Entry} #{k}: the guest lifted {value}, expected {expected}");
            }

            if (host.Heap.Live != 0 || host.Owned != 0)
            {
                failures.Add($"{c.Entry} #{k}: {host.Heap.Live} blocks live, {host.Owned} owned after the call");
            }
        }

        failures.AddRange(host.Heap.Errors);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Cases.Count - 1, calls);
    }
}
