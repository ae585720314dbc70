using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator.Emit;

/// <summary>The calls of exported <c>async func</c>s: <c>Task</c>-returning methods over the runtime's raw async call.</summary>
internal sealed partial class BindingsWriter
{
    /// <summary>
    /// Adds the call of an exported async function: its <c>F</c> field (bound with a type check, async-lifted) and its
    /// <c>Call</c> method, which lowers the arguments when the call starts and lifts the result from the values the
    /// guest passes to <c>task.return</c> (flat up to 16, else a pointer to it).
    /// </summary>
    private string AddAsyncExportCall(FunctionSpec f)
    {
        var id = N(_callCount++);
        var instance = _currentInstance is null ? "null" : $"\"{_currentInstance}\"";
        _binds.WriteLine($"F{id} = _C::ExportBinding.BindAsyncFunction(instance, {instance}, \"{f.WitName}\", {FunctionType(f)});");
        _fields.WriteLine($"internal {Runtime}.RawAsyncComponentFunction F{id} = null!;");

        var w = _calls;
        var parameters = f.Params.Select((p, k) => $"{p.Shape.Type} a{N(k)}").Append("global::System.Threading.CancellationToken ct");
        w.WriteLine();
        w.WriteLine($"internal {MethodResultType(f)} Call{id}({string.Join(", ", parameters)})");
        w.OpenBlock();
        WriteArgumentChecks(w, f);

        // The lowering: the same core parameters as a synchronous lift's.
        var lower = new SourceWriter();
        if (LowersFlat(f))
        {
            lower.WriteLine("var i = 0;");
        }

        foreach (var line in ArgumentLowering(f))
        {
            lower.WriteLine(line);
        }

        // The lifting: task.return's values, like the parameters of a lowered function.
        string resultType;
        string lifted;
        if (f.Result is not { } result)
        {
            resultType = "bool";
            lifted = "true";
        }
        else
        {
            resultType = result.Type;
            lifted = f.AsyncResultSpilled
                ? _marshal.Load(result, $"{MarshalWriter.Abi}.CheckRegion(cx, s[0].U32, {N(result.Size)}U, {N(result.Align)}, \"result\")", "cx")
                : result.IsScalar ? MarshalWriter.LiftScalar(result.Kind, "s[0]") : null!;
        }

        // One line: the lambdas' bodies are short (calls of the shape methods).
        var lowerLines = lower.ToString().TrimEnd('\n').Split('\n').Select(l => l.Trim().TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var lowerLambda = lowerLines.Count == 0 ? "static (cx, s) => { }" : $"(cx, s) => {{ {string.Join(" ", lowerLines)} }}";
        string liftLambda;
        if (f.Result is { } r && !f.AsyncResultSpilled && !r.IsScalar)
        {
            liftLambda = $"(cx, s) => {{ var i = 0; return {_marshal.Lift(r, "cx", "s")}; }}";
        }
        else
        {
            var isStatic = f.Result is null || f.Result.IsScalar;
            liftLambda = $"{(isStatic ? "static " : string.Empty)}(cx, s) => {lifted}";
        }

        w.WriteLine($"return F{id}.InvokeAsync<{resultType}>({lowerLambda}, {liftLambda}, ct);");
        w.CloseBlock();
        return "Call" + id;
    }

    /// <summary>
    /// Writes an imported async function: defined with <c>DefineRawAsyncFunction</c>, its body lifts the arguments
    /// (flat, or from memory when the caller spilled them), calls the host's <c>Task</c>-returning method and, when that
    /// completes, hands the runtime the result to store or lower.
    /// </summary>
    private void WriteAsyncImport(SourceWriter bodies, SourceWriter defines, string local, string impl, FunctionSpec f, InterfaceBindingSpec iface, ResourceBindingSpec? resource)
    {
        var id = N(_callCount++);
        var implType = $"global::{iface.Namespace}.{iface.TypeName}";
        defines.WriteLine($"{local}.DefineRawAsyncFunction(\"{f.WitName}\", {FunctionType(f)}, (cx, s, spilled, ct) => Import{id}(cx, s, spilled, ct, {impl}));");

        var w = bodies;
        w.WriteLine();
        w.WriteLine($"internal global::System.Threading.Tasks.Task<{Runtime}.RawAsyncResult?> Import{id}({Cx} cx, global::System.ReadOnlySpan<{Raw}> s, bool spilled, global::System.Threading.CancellationToken ct, {implType} impl)");
        w.OpenBlock();
        for (var k = 0; k < f.Params.Count; k++)
        {
            w.WriteLine($"{f.Params[k].Shape.Type} a{N(k)};");
        }

        if (f.FlatParams > 0)
        {
            var (offsets, size, align) = AbiLayout.Product(f.Params.Select(p => p.Shape));
            w.WriteLine("if (spilled)");
            w.OpenBlock();
            w.WriteLine($"var args = {MarshalWriter.Abi}.CheckRegion(cx, s[0].U32, {N(size)}U, {N(align)}, \"parameters\");");
            for (var k = 0; k < f.Params.Count; k++)
            {
                w.WriteLine($"a{N(k)} = {_marshal.Load(f.Params[k].Shape, offsets[k] == 0 ? "args" : $"args + {N(offsets[k])}")};");
            }

            w.CloseBlock();
            w.WriteLine("else");
            w.OpenBlock();
            w.WriteLine("var i = 0;");
            for (var k = 0; k < f.Params.Count; k++)
            {
                w.WriteLine($"a{N(k)} = {_marshal.Lift(f.Params[k].Shape)};");
            }

            w.CloseBlock();
        }

        var args = Enumerable.Range(0, f.Params.Count).Select(k => "a" + N(k)).Append("ct").ToList();
        string call;
        if (resource is not null && f.Kind == FunctionSpecKind.Method)
        {
            call = $"a0.{f.Name}({string.Join(", ", args.Skip(1))})";
        }
        else if (resource is not null)
        {
            call = $"impl.{HostMemberName(resource, f)}({string.Join(", ", args)})";
        }
        else
        {
            call = $"impl.{f.Name}({string.Join(", ", args)})";
        }

        var where = iface.InstanceName is null ? string.Empty : $" of interface '{iface.InstanceName}'";
        w.WriteLine($"return Complete{id}({call} ?? throw {MarshalWriter.Abi}.NullResult(\"{f.Description}{where}\"));");
        w.CloseBlock();

        w.WriteLine();
        w.WriteLine($"private async global::System.Threading.Tasks.Task<{Runtime}.RawAsyncResult?> Complete{id}({MethodResultType(f)} task)");
        w.OpenBlock();
        if (f.Result is not { } result)
        {
            w.WriteLine("await task.ConfigureAwait(false);");
            w.WriteLine("return null;");
        }
        else
        {
            w.WriteLine(result.IsReference
                ? $"var r = await task.ConfigureAwait(false) ?? throw {MarshalWriter.Abi}.NullResult(\"{f.Description}{where}\");"
                : "var r = await task.ConfigureAwait(false);");
            w.WriteLine($"return {Runtime}.RawAsyncResult.Of(r, (c, v, p) => {{ {_marshal.Store(result, "v", "p", "c")} }}, (c, v, f) => {{ var i = 0; {_marshal.Lower(result, "v", "c", "f")} }});");
        }

        w.CloseBlock();
    }
}
