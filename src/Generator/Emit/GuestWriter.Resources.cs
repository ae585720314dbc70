using WitBindgen.Generator.Specs;
using WitBindgen.Shared;

namespace WitBindgen.Generator.Emit;

/// <summary>
/// The resources of guest bindings. A resource the host implements (an imported interface's, or the world's own) is
/// a class holding the component's handle (<c>ImportedResource</c>): its constructor, methods and static functions
/// call the host, <c>Dispose</c> calls <c>[resource-drop]</c>. A resource the component implements (an exported
/// interface's) is a partial class whose constructor (a static <c>New</c>), methods and static functions the user
/// implements; the ABI class keeps its objects in a representation table, makes handles with <c>[resource-new]</c>,
/// reads handed-back ones with <c>[resource-rep]</c> and exports the destructor (<c>#[dtor]</c>), which runs the
/// object's optional <c>OnDrop</c> when the host drops its last handle.
/// </summary>
internal sealed partial class GuestWriter
{
    private static bool HasBorrow(ShapeSpec shape) => shape.Kind == ShapeKind.Borrow || shape.Members.Any(m => m.Shape is { } s && HasBorrow(s));

    private static void WriteIf(SourceWriter w, string? line)
    {
        if (line is not null)
        {
            w.WriteLine(line);
        }
    }

    private static string Quote(string text) => "\"" + Escape(text) + "\"";

    private static string Module(InterfaceBindingSpec owner) => owner.InstanceName ?? "$root";

    /// <summary>A resource function's C# parameters and arguments, <c>self</c> left out of methods.</summary>
    private static (string Parameters, string Arguments) Signature(FunctionSpec f)
    {
        var own = f.Kind == FunctionSpecKind.Method ? f.Params.Skip(1).ToList() : f.Params.ToList();
        return (string.Join(", ", own.Select(p => $"{p.Shape.Type} {p.Name}")), string.Join(", ", own.Select(p => p.Name)));
    }

    private void WriteImportedResource(SourceWriter users, SourceWriter abi, InterfaceBindingSpec owner, ResourceBindingSpec r, GuestHandleMethods m, string prefix)
    {
        var module = Module(owner);
        var drop = prefix + "Drop";
        users.WriteLine();
        users.WriteLine("namespace " + r.Namespace);
        users.OpenBlock();
        Docs.Summary(users, r.Docs, $"The WIT resource <c>{Docs.Escape(r.WitName)}</c>, which the host implements: a handle, dropped by <c>Dispose</c>.");
        GeneratedCode.Write(users);
        users.WriteLine($"public sealed partial class {r.Name} : global::WitBindgen.Guest.ImportedResource");
        users.OpenBlock();
        users.WriteLine($"internal {r.Name}(global::WitBindgen.Guest.ResourceHandle handle)");
        users.WriteLine($"    : base(handle, {Quote(r.WitName)})");
        users.OpenBlock();
        users.CloseBlock();
        foreach (var f in r.Functions)
        {
            var method = Unique(r.Name + f.Name);
            var (parameters, arguments) = Signature(f);
            users.WriteLine();
            WriteDocs(users, f);
            switch (f.Kind)
            {
                case FunctionSpecKind.Constructor:
                    users.WriteLine($"public {r.Name}({parameters})");
                    users.WriteLine($"    : base({AbiClass}.{method}({arguments}).MoveHandle(), {Quote(r.WitName)})");
                    users.OpenBlock();
                    users.CloseBlock();
                    break;
                case FunctionSpecKind.Method:
                    var all = arguments.Length == 0 ? "this" : "this, " + arguments;
                    users.WriteLine($"public {ResultType(f)} {f.Name}({parameters}) => {AbiClass}.{method}({all});");
                    break;
                default:
                    users.WriteLine($"public static {ResultType(f)} {f.Name}({parameters}) => {AbiClass}.{method}({arguments});");
                    break;
            }

            WriteImport(abi, module, f, method);
        }

        users.WriteLine();
        users.WriteLine($"private protected override void Drop(int handle) => {AbiClass}.{drop}(handle);");
        users.CloseBlock();
        users.CloseBlock();

        var type = r.FullName;
        abi.WriteLine();
        abi.WriteLine($"/// <summary>Drops a handle of the resource <c>{Docs.Escape(r.WitName)}</c> (<c>[resource-drop]</c> of <c>{Docs.Escape(module)}</c>).</summary>");
        WriteCoreImport(abi, "internal", module, "[resource-drop]" + r.WitName, drop, new[] { FlatType.I32 }, null);
        abi.WriteLine();
        abi.WriteLine($"private static int {m.LowerOwn}({type} v)");
        abi.OpenBlock();
        abi.WriteLine("global::System.ArgumentNullException.ThrowIfNull(v);");
        abi.WriteLine("return v.MoveHandle().Value;");
        abi.CloseBlock();
        abi.WriteLine();
        abi.WriteLine($"private static int {m.LowerBorrow}({type} v)");
        abi.OpenBlock();
        abi.WriteLine("global::System.ArgumentNullException.ThrowIfNull(v);");
        abi.WriteLine("return v.Handle;");
        abi.CloseBlock();
        abi.WriteLine();
        abi.WriteLine($"private static {type} {m.LiftOwn}(int handle) => new {type}(new _G::ResourceHandle(handle, false));");
        abi.WriteLine();
        abi.WriteLine($"private static {type} {m.LiftBorrow}(int handle) => new {type}(new _G::ResourceHandle(handle, true));");
    }

    private void WriteExportedResource(SourceWriter users, SourceWriter abi, InterfaceBindingSpec owner, ResourceBindingSpec r, GuestHandleMethods m, string prefix)
    {
        var instance = owner.InstanceName ?? _world.WorldName;
        var intrinsics = "[export]" + instance;
        var table = prefix + "Table";
        var resourceNew = prefix + "New";
        var resourceRep = prefix + "Rep";
        var resourceDrop = prefix + "Drop";
        users.WriteLine();
        users.WriteLine("namespace " + r.Namespace);
        users.OpenBlock();
        Docs.Summary(users, r.Docs, $"The WIT resource <c>{Docs.Escape(r.WitName)}</c>, which the component implements: implement each partial method in a partial class of the same name.");
        GeneratedCode.Write(users);
        users.WriteLine($"public sealed partial class {r.Name}");
        users.OpenBlock();
        var first = true;
        foreach (var f in r.Functions)
        {
            if (!first)
            {
                users.WriteLine();
            }

            first = false;
            WriteImplementedDocs(users, f);

            var (parameters, _) = Signature(f);
            users.WriteLine(f.Kind == FunctionSpecKind.Method
                ? $"public partial {ResultType(f)} {f.Name}({parameters});"
                : $"public static partial {ResultType(f)} {f.Name}({parameters});");
            var type = r.FullName;
            Func<IReadOnlyList<string>, string> call = f.Kind == FunctionSpecKind.Method
                ? args => $"{args[0]}.{f.Name}({string.Join(", ", args.Skip(1))})"
                : args => $"{type}.{f.Name}({string.Join(", ", args)})";
            WriteExport(abi, instance + "#" + f.WitName, f, call, Unique(r.Name + f.Name));
        }

        if (!first)
        {
            users.WriteLine();
        }

        users.WriteLine("/// <summary>Runs when the host drops its last handle to this object (the resource's destructor): implement it to release what the object holds.</summary>");
        users.WriteLine("partial void OnDrop();");
        users.WriteLine();
        users.WriteLine("/// <summary>Runs <see cref=\"OnDrop\"/> (for the destructor entry point).</summary>");
        users.WriteLine("internal void InvokeOnDrop() => OnDrop();");
        users.CloseBlock();
        users.CloseBlock();

        var cls = r.FullName;
        var wit = Docs.Escape(r.WitName);
        abi.WriteLine();
        abi.WriteLine($"/// <summary>The objects of the resource <c>{wit}</c> the host holds handles to, by representation.</summary>");
        abi.WriteLine($"internal static readonly _G::RepTable<{cls}> {table} = new({Quote(r.WitName)});");
        abi.WriteLine();
        abi.WriteLine($"/// <summary>Makes an <c>own</c> handle of <c>{wit}</c> for a representation (<c>[resource-new]</c>).</summary>");
        WriteCoreImport(abi, "private", intrinsics, "[resource-new]" + r.WitName, resourceNew, new[] { FlatType.I32 }, FlatType.I32);
        abi.WriteLine();
        abi.WriteLine($"/// <summary>The representation of a handle of <c>{wit}</c> (<c>[resource-rep]</c>).</summary>");
        WriteCoreImport(abi, "private", intrinsics, "[resource-rep]" + r.WitName, resourceRep, new[] { FlatType.I32 }, FlatType.I32);
        abi.WriteLine();
        abi.WriteLine($"/// <summary>Drops a handle of <c>{wit}</c> (<c>[resource-drop]</c>; an <c>own</c> one runs the destructor).</summary>");
        WriteCoreImport(abi, "private", intrinsics, "[resource-drop]" + r.WitName, resourceDrop, new[] { FlatType.I32 }, null);
        abi.WriteLine();
        var dtor = instance + "#[dtor]" + r.WitName;
        abi.WriteLine($"/// <summary>The destructor <c>{Docs.Escape(dtor)}</c>: a handle was dropped; the object leaves the table with its last, and its <c>OnDrop</c> runs when the host dropped it.</summary>");
        abi.WriteLine($"[global::System.Runtime.InteropServices.UnmanagedCallersOnly(EntryPoint = {Quote(dtor)})]");
        abi.WriteLine($"internal static void {Unique(r.Name + "Destructor")}(int p0) => {table}.Release(p0)?.InvokeOnDrop();");
        abi.WriteLine();
        abi.WriteLine($"private static int {m.LowerOwn}({cls} v) => {resourceNew}({table}.Add(v));");
        abi.WriteLine();
        abi.WriteLine($"private static {cls} {m.LiftOwn}(int handle)");
        abi.OpenBlock();
        abi.WriteLine($"var value = {table}.Get({resourceRep}(handle));");
        abi.WriteLine("// The handle was handed back: the component drops it, and owns the object again (no OnDrop).");
        abi.WriteLine($"{table}.BeginGuestDrop();");
        abi.WriteLine("try");
        abi.OpenBlock();
        abi.WriteLine($"{resourceDrop}(handle);");
        abi.CloseBlock();
        abi.WriteLine("finally");
        abi.OpenBlock();
        abi.WriteLine($"{table}.EndGuestDrop();");
        abi.CloseBlock();
        abi.WriteLine();
        abi.WriteLine("return value;");
        abi.CloseBlock();
        abi.WriteLine();
        abi.WriteLine("// A WIT world cannot lend a resource the component implements to an import (imports cannot name export types).");
        abi.WriteLine($"private static int {m.LowerBorrow}({cls} v) => throw new global::System.NotSupportedException({Quote($"a borrow of resource '{r.WitName}', which the component implements, cannot be passed to the host")});");
        abi.WriteLine();
        abi.WriteLine($"private static {cls} {m.LiftBorrow}(int rep) => {table}.Get(rep);");
    }
}
