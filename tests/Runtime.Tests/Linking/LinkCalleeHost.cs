using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Tests.Linking;

/// <summary>
/// The host functions behind the callee of the linking tests (one per <see cref="LinkWat.Functions"/>): each records its
/// arguments and answers from them.
/// </summary>
internal sealed class LinkCalleeHost
{
    public List<(string Name, WitValue[] Arguments)> Calls { get; } = new();

    /// <summary>The host functions as imports of this runtime.</summary>
    public HostImports Imports()
    {
        var imports = new HostImports();
        foreach (var (name, function) in Functions())
        {
            imports.DefineFunction(name, function);
        }

        return imports;
    }

    /// <summary>The host functions by name.</summary>
    public List<(string Name, HostFunction Function)> Functions()
    {
        var imports = new List<(string Name, HostFunction Function)>();
        Define(imports, "add", a => WitValue.U32(a[0].AsU32() + a[1].AsU32()));
        Define(imports, "scalars", a => WitValue.Tuple(a));
        Define(imports, "small", a => WitValue.S16((short)(a[0].AsS8() + a[1].AsS16() + a[2].AsU8())));
        Define(imports, "echo", a => WitValue.String(a[0].AsString() + "!"));
        Define(imports, "points", a => WitValue.List(a[0].Items.Reverse().Select(p => WitValue.Record(
            WitValue.String(p.Items[0].AsString() + "'"), WitValue.S32(p.Items[1].AsS32() + 1), p.Items[2])).ToArray()));
        Define(imports, "shape", a => a[0].CaseIndex switch
        {
            0 => WitValue.Variant(3, WitValue.String("none")),
            1 => WitValue.Variant(1, WitValue.F32(a[0].Payload!.AsF32() * 2)),
            2 => WitValue.Variant(2, WitValue.Tuple(WitValue.U64(a[0].Payload!.Items[0].AsU64() + 1), a[0].Payload!.Items[1])),
            _ => WitValue.Variant(3, WitValue.String(a[0].Payload!.AsString() + a[0].Payload!.AsString())),
        });
        Define(imports, "opts", a => WitValue.Tuple(a));
        Define(imports, "pick", a => a[1]);
        Define(imports, "many", a => WitValue.U32((uint)a[0].AsString().Length + a.Skip(1).Aggregate(0u, (sum, v) => sum + v.AsU32())));
        Define(imports, "nums", a => WitValue.Tuple(WitValue.List(a[0].Items.Reverse().ToArray()), a[1], a[2]));
        Define(imports, "nested", a => a[0].Items.Length == 0 ? WitValue.None : WitValue.Some(WitValue.List(a[0].Items.SelectMany(l => l.Items).ToArray())));
        return imports;
    }

    private void Define(List<(string Name, HostFunction Function)> functions, string name, Func<WitValue[], WitValue> body) =>
        functions.Add((name, arguments =>
        {
            Calls.Add((name, arguments));
            return [body(arguments)];
        }));
}
