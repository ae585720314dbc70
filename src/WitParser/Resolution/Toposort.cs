using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Syntax;

namespace WitBindgen.WitParser.Resolution;

/// <summary>
/// Orders named nodes so that dependencies come first; among ready nodes the one defined first
/// wins, which keeps the output stable and close to source order.
/// </summary>
internal static class Toposort
{
    /// <summary>The reference's hint for the WIT type names that were renamed.</summary>
    private static string Hint(string name) => name switch
    {
        "float32" or "float64" =>
            $"\nthe `{name}` type has been renamed to `{(name == "float32" ? "f32" : "f64")}` and is no longer accepted, " +
            "but the `WIT_REQUIRE_F32_F64=0` environment variable can be used to temporarily disable this error",
        _ => string.Empty,
    };

    public static List<string> Sort(string kind, Model.OrderedMap<string, List<Id>> deps)
    {
        int n = deps.Count;
        var remaining = new int[n];
        var reverse = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            reverse[i] = new List<int>();
        }

        for (int i = 0; i < n; i++)
        {
            var edges = deps.GetAt(i).Value;
            remaining[i] = edges.Count;
            foreach (var edge in edges)
            {
                int j = deps.IndexOf(edge.Name);
                if (j < 0)
                {
                    throw new WitError($"{kind} `{edge.Name}` does not exist" + Hint(edge.Name), edge.Span);
                }

                reverse[j].Add(i);
            }
        }

        var ready = new SortedSet<int>();
        for (int i = 0; i < n; i++)
        {
            if (remaining[i] == 0)
            {
                ready.Add(i);
            }
        }

        var order = new List<string>(n);
        while (ready.Count > 0)
        {
            int i = ready.Min;
            ready.Remove(i);
            order.Add(deps.GetAt(i).Key);
            foreach (var r in reverse[i])
            {
                if (--remaining[r] == 0)
                {
                    ready.Add(r);
                }
            }

            reverse[i].Clear();
        }

        if (order.Count == n)
        {
            return order;
        }

        for (int i = 0; i < n; i++)
        {
            if (remaining[i] == 0)
            {
                continue;
            }

            foreach (var dep in deps.GetAt(i).Value)
            {
                int j = deps.IndexOf(dep.Name);
                if (remaining[j] != 0)
                {
                    throw new WitError($"{kind} `{dep.Name}` depends on itself", dep.Span);
                }
            }
        }

        throw new InvalidOperationException("toposort found a cycle it could not locate");
    }
}
