using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator.Emit;

/// <content>The parts of maps and fixed-length lists that lists and tuples do not share.</content>
internal sealed partial class MarshalWriter
{
    // A map's entries as a guest list (list<tuple<K, V>>) and back: lifting folds duplicate keys, the last entry
    // winning (Explainer.md lets bindings do so).

    private List<string> MapTo(ShapeSpec shape, string id)
    {
        var entry = shape.Members[0].Shape!;
        var size = N(entry.Size) + "U";
        return Method($"internal _A::GuestSlice ListTo{id}({Cx} cx, {shape.Type} v)", w =>
        {
            w.WriteLine(NullCheck("v", "a map"));
            w.WriteLine("var count = v.Count;");
            w.WriteLine($"var p = {Abi}.AllocateList(cx, count, {size}, {N(entry.Align)}U);");
            w.WriteLine("var k = 0;");
            w.WriteLine("foreach (var e in v)");
            w.OpenBlock();
            w.WriteLine("if (k == count)");
            w.OpenBlock();
            w.WriteLine("throw new global::System.InvalidOperationException(\"the dictionary changed while it was passed to the component\");");
            w.CloseBlock();
            w.WriteLine(Store(entry, "e", $"p + (uint)k * {size}"));
            w.WriteLine("k++;");
            w.CloseBlock();
            w.WriteLine("if (k != count)");
            w.OpenBlock();
            w.WriteLine("throw new global::System.InvalidOperationException(\"the dictionary changed while it was passed to the component\");");
            w.CloseBlock();
            w.WriteLine("return new _A::GuestSlice(p, (uint)count);");
        });
    }

    private List<string> MapFrom(ShapeSpec shape, string id)
    {
        var entry = shape.Members[0].Shape!;
        var key = entry.Members[0].Shape!;
        var value = entry.Members[1].Shape!;
        var size = N(entry.Size) + "U";
        return Method($"internal {shape.Type} ListFrom{id}({Cx} cx, _A::GuestSlice l)", w =>
        {
            w.WriteLine($"var count = {Abi}.CheckList(cx, l.Pointer, l.Length, {size}, {N(entry.Align)});");
            w.WriteLine($"var r = new global::System.Collections.Generic.Dictionary<{key.Type}, {value.Type}>(count);");
            w.WriteLine("for (var k = 0; k < count; k++)");
            w.OpenBlock();
            w.WriteLine($"var e = {Load(entry, $"l.Pointer + (uint)k * {size}")};");
            w.WriteLine("r[e.Key] = e.Value;");
            w.CloseBlock();
            w.WriteLine("return r;");
        });
    }

    /// <summary>The statement refusing an array whose length is not the fixed-length list's.</summary>
    private static void WriteLengthCheck(SourceWriter w, ShapeSpec shape)
    {
        w.WriteLine(NullCheck("v", "a " + shape.WitName));
        w.WriteLine($"if (v.Length != {N(shape.Count)})");
        w.OpenBlock();
        w.WriteLine($"throw new global::System.ArgumentException(\"a {shape.WitName} has exactly {N(shape.Count)} elements, not \" + v.Length);");
        w.CloseBlock();
    }
}
