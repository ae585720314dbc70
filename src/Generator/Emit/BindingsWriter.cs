using System.Globalization;
using WitBindgen.Generator.Specs;

namespace WitBindgen.Generator.Emit;

/// <summary>
/// Writes the host bindings of one world: the instance class with its entry points and exports, the
/// <c>Imports</c> set, the host interfaces to implement, resource classes, and the world's ABI class that
/// holds every call body and the lifting and lowering code.
/// </summary>
internal sealed partial class BindingsWriter
{
    private const string Runtime = "global::WitBindgen.Runtime";
    private const string Raw = MarshalWriter.Raw;
    private const string Cx = MarshalWriter.Cx;

    private readonly WorldBindingsSpec _world;
    private readonly MarshalWriter _marshal;
    private readonly Dictionary<string, MarshalWriter.ResourceRole> _roles = new(StringComparer.Ordinal);
    private readonly List<ResourceBindingSpec> _resources = new();
    private readonly string _abiClass;
    private readonly string _worldClass;
    private readonly SourceWriter _calls = new();
    private int _callCount;

    public BindingsWriter(WorldBindingsSpec world)
    {
        _world = world;
        _worldClass = $"global::{world.Namespace}.{world.ClassName}";
        _abiClass = world.ClassName + "Abi";
        foreach (var resource in world.Imports.Concat(world.Exports).Concat(world.Provided).SelectMany(i => i.Resources))
        {
            if (!_roles.ContainsKey(resource.FullName))
            {
                _roles[resource.FullName] = new MarshalWriter.ResourceRole(_resources.Count, resource.Imported);
                _resources.Add(resource);
            }
        }

        _marshal = new MarshalWriter(_roles);
        _calls.Indent();
        _calls.Indent();
    }

    /// <summary>
    /// The generated files of one world, each as its own equatable <see cref="OutputSpec"/> holding only what its
    /// text depends on: a host interface file its interface (and the world's name), a resource file its resource
    /// (and, for a resource the component implements, the names of the ABI calls its methods forward to), the
    /// world file the whole world (its ABI class holds every call body). Rendering each alone gives the text
    /// rendering the world at once gives.
    /// </summary>
    public static IEnumerable<OutputSpec> Outputs(WorldBindingsSpec world)
    {
        foreach (var iface in world.Imports.Where(HasMembers))
        {
            // Only the world's own imports name the world: an imported interface two worlds share is one output.
            var worldName = iface.InstanceName is null ? world.WorldName : null;
            yield return new OutputSpec($"{iface.Namespace}.{iface.TypeName}.g.cs", Interface: new InterfaceFileSpec(worldName, iface));
        }

        // The interface an export's class implements: the same output as the import side's (one C# interface per WIT
        // interface when one world imports it and another exports it).
        foreach (var e in world.Exports.Where(e => e.HostInterface is not null))
        {
            var iface = e with { TypeName = e.HostInterface!, PropertyName = string.Empty, HostInterface = null };
            yield return new OutputSpec($"{iface.Namespace}.{iface.TypeName}.g.cs", Interface: new InterfaceFileSpec(null, iface));
        }

        var calls = ExportCallNames(world);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in world.Imports.Concat(world.Exports).SelectMany(i => i.Resources).Where(r => seen.Add(r.FullName)))
        {
            // A resource the host implements names nothing of the world: two worlds importing it share one output.
            var file = resource.Imported
                ? new ResourceFileSpec(null, null, resource, EquatableArray<string>.Empty)
                : new ResourceFileSpec(
                    world.Namespace,
                    world.ClassName + "Abi",
                    resource,
                    resource.Functions.Where(f => f.Kind == FunctionSpecKind.Method).Select(f => calls[(resource.FullName, f.WitName)]).ToEquatableArray());
            yield return new OutputSpec($"{resource.Namespace}.{resource.Name}.Resource.g.cs", Resource: file);
        }

        yield return new OutputSpec($"{world.Namespace}.{world.ClassName}.g.cs", World: world);
    }

    /// <summary>The text of a host interface file.</summary>
    public static string RenderInterface(InterfaceFileSpec file) =>
        Wrap(file.Interface.Namespace, w => WriteHostInterface(w, file.WorldName, file.Interface));

    /// <summary>The text of a resource class file.</summary>
    public static string RenderResource(ResourceFileSpec file) =>
        Wrap(file.Resource.Namespace, w => WriteResource(w, file));

    /// <summary>The text of the world file: the instance class, its export classes, <c>Imports</c> and the ABI class.</summary>
    public string RenderWorld()
    {
        RegisterExports();
        var imports = _world.Imports.Where(HasMembers).ToList();
        return Wrap(_world.Namespace, w => WriteWorld(w, imports), MarshalWriter.Aliases);
    }

    /// <summary>
    /// The exported functions in the order the ABI class numbers their calls (<c>Call0</c>, <c>Call1</c>, ...):
    /// each export's resource functions, then its functions, each with its export's instance name and its owner
    /// (the resource's class, or the instance name; null for the world's own functions).
    /// </summary>
    private static IEnumerable<(string? Instance, string? Owner, FunctionSpec Function)> ExportOrder(WorldBindingsSpec world)
    {
        foreach (var e in world.Exports)
        {
            foreach (var resource in e.Resources)
            {
                foreach (var f in resource.Functions)
                {
                    yield return (e.InstanceName, resource.FullName, f);
                }
            }

            foreach (var f in e.Functions)
            {
                yield return (e.InstanceName, e.InstanceName, f);
            }
        }
    }

    private static Dictionary<(string? Owner, string WitName), string> ExportCallNames(WorldBindingsSpec world)
    {
        var names = new Dictionary<(string? Owner, string WitName), string>();
        var id = 0;
        foreach (var (_, owner, f) in ExportOrder(world))
        {
            names[(owner, f.WitName)] = "Call" + N(id++);
        }

        return names;
    }

    /// <summary>True when the world's functions pass resources of interfaces bound elsewhere (found among the providers).</summary>
    private bool HasProvided => _world.Provided.Any(i => i.Resources.Count > 0);

    private bool IsProvided(ResourceBindingSpec resource) => _world.Provided.Any(i => i.Resources.Any(r => r.FullName == resource.FullName));

    private static bool HasMembers(InterfaceBindingSpec iface) => iface.Functions.Count > 0 || iface.Resources.Count > 0;

    private static string Wrap(string ns, Action<SourceWriter> body, IReadOnlyList<string>? aliases = null)
    {
        var w = new SourceWriter();
        w.WriteLine("// <auto-generated/>");
        w.WriteLine("// Generated by WitBindgen: host bindings.");
        w.WriteLine("#nullable enable");
        w.WriteLine("#pragma warning disable CS0612, CS0618 // calls of members generated from @deprecated WIT items");
        w.WriteLine();
        w.WriteLine("namespace " + ns);
        w.OpenBlock();
        if (aliases is not null)
        {
            foreach (var alias in aliases)
            {
                w.WriteLine(alias);
            }

            w.WriteLine();
        }

        body(w);
        w.CloseBlock();
        return w.ToString();
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- host side of imports ------------------------------------------------------------------

    private static void WriteHostInterface(SourceWriter w, string? worldName, InterfaceBindingSpec iface)
    {
        var what = iface.InstanceName is null ? $"the functions the world <c>{Docs.Escape(worldName ?? string.Empty)}</c> imports" : $"the imported interface <c>{Docs.Escape(iface.InstanceName)}</c>";
        Docs.Summary(w, iface.Docs, $"The host implementation of {what}.");
        GeneratedCode.Write(w);
        w.WriteLine($"public interface {iface.TypeName}");
        w.OpenBlock();
        var first = true;
        foreach (var resource in iface.Resources)
        {
            foreach (var f in resource.Functions.Where(f => f.Kind is FunctionSpecKind.Constructor or FunctionSpecKind.Static))
            {
                Separate(w, ref first);
                WriteMethodDocs(w, f, f.Kind == FunctionSpecKind.Constructor ? $"Creates a <c>{Docs.Escape(resource.WitName)}</c> (its constructor)." : null);
                w.WriteLine($"{Signature(f, HostMemberName(resource, f), skipSelf: false)};");
            }
        }

        foreach (var f in iface.Functions)
        {
            Separate(w, ref first);
            WriteMethodDocs(w, f, null);
            w.WriteLine($"{Signature(f, f.Name, skipSelf: false)};");
        }

        w.CloseBlock();
    }

    private static string HostMemberName(ResourceBindingSpec resource, FunctionSpec f) =>
        f.Kind == FunctionSpecKind.Constructor ? "New" + resource.Name : resource.Name + f.Name;

    private static void Separate(SourceWriter w, ref bool first)
    {
        if (!first)
        {
            w.WriteLine();
        }

        first = false;
    }

    private static void WriteMethodDocs(SourceWriter w, FunctionSpec f, string? fallback)
    {
        Docs.Summary(w, f.Docs, fallback ?? $"The WIT function <c>{Docs.Escape(f.WitName)}</c>.");
        WriteObsolete(w, f);
    }

    private static void WriteObsolete(SourceWriter w, FunctionSpec f)
    {
        if (f.Deprecated is { } version)
        {
            w.WriteLine($"[global::System.Obsolete(\"{Docs.Escape(f.WitName)} is deprecated since version {version}.\")]");
        }
    }

    private static string ResultType(FunctionSpec f) => f.Result?.Type ?? "void";

    /// <summary>What the C# method returns: the result, or for an async function a task of it.</summary>
    private static string MethodResultType(FunctionSpec f) => !f.IsAsync
        ? ResultType(f)
        : f.Result is { } r ? $"global::System.Threading.Tasks.Task<{r.Type}>" : "global::System.Threading.Tasks.Task";

    /// <summary>The name of an async function's cancellation parameter (distinct from its WIT parameters).</summary>
    private static string CancellationName(FunctionSpec f) =>
        f.Params.Any(p => p.Name == "cancellationToken") ? "cancellationToken_" : "cancellationToken";

    private static string Signature(FunctionSpec f, string name, bool skipSelf, string modifiers = "")
    {
        var parameters = f.Params.Skip(skipSelf && f.Kind == FunctionSpecKind.Method ? 1 : 0).Select(p => $"{p.Shape.Type} {p.Name}");
        if (f.IsAsync)
        {
            parameters = parameters.Append($"global::System.Threading.CancellationToken {CancellationName(f)} = default");
        }

        return $"{modifiers}{MethodResultType(f)} {name}({string.Join(", ", parameters)})";
    }

    private static void WriteResource(SourceWriter w, ResourceFileSpec file)
    {
        var resource = file.Resource;
        if (resource.Imported)
        {
            Docs.Summary(w, resource.Docs, $"The WIT resource <c>{Docs.Escape(resource.WitName)}</c>, implemented by the host: derive from this class.");
            GeneratedCode.Write(w);
            w.WriteLine($"public abstract partial class {resource.Name} : global::System.IDisposable");
            w.OpenBlock();
            w.WriteLine("/// <summary>Creates the resource.</summary>");
            w.WriteLine($"protected {resource.Name}()");
            w.OpenBlock();
            w.CloseBlock();
            foreach (var f in resource.Functions.Where(f => f.Kind == FunctionSpecKind.Method))
            {
                w.WriteLine();
                WriteMethodDocs(w, f, null);
                w.WriteLine($"{Signature(f, f.Name, skipSelf: true, "public abstract ")};");
            }

            w.WriteLine();
            w.WriteLine("/// <summary>Called when the guest drops its last handle, or by the owner: releases the resource.</summary>");
            w.WriteLine("public void Dispose()");
            w.OpenBlock();
            w.WriteLine("Dispose(true);");
            w.WriteLine("global::System.GC.SuppressFinalize(this);");
            w.CloseBlock();
            w.WriteLine();
            w.WriteLine("/// <summary>Releases the resource's state.</summary>");
            w.WriteLine("/// <param name=\"disposing\">True when called from <see cref=\"Dispose()\"/>.</param>");
            w.WriteLine("protected virtual void Dispose(bool disposing)");
            w.OpenBlock();
            w.CloseBlock();
            w.CloseBlock();
            return;
        }

        var abi = $"global::{file.WorldNamespace}.{file.AbiClass}";
        var handle = $"{Runtime}.ResourceValue";
        Docs.Summary(w, resource.Docs, $"The WIT resource <c>{Docs.Escape(resource.WitName)}</c>, implemented by the component: an owned handle; disposing it drops the handle.");
        GeneratedCode.Write(w);
        w.WriteLine($"public sealed partial class {resource.Name} : global::System.IDisposable");
        w.OpenBlock();
        w.WriteLine($"private readonly {abi} _abi;");
        w.WriteLine($"private {handle}? _handle;");
        w.WriteLine();
        w.WriteLine($"internal {resource.Name}({abi} abi, {handle} handle)");
        w.OpenBlock();
        w.WriteLine("_abi = abi;");
        w.WriteLine("_handle = handle;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>True once the handle was dropped or moved into the component.</summary>");
        w.WriteLine("public bool IsDisposed => _handle is null;");
        var methods = resource.Functions.Where(f => f.Kind == FunctionSpecKind.Method).ToList();
        for (var m = 0; m < methods.Count; m++)
        {
            var f = methods[m];
            w.WriteLine();
            WriteMethodDocs(w, f, null);
            var call = file.Calls[m];
            var args = string.Join(", ", new[] { "this" }.Concat(f.Params.Skip(1).Select(p => p.Name)).Concat(f.IsAsync ? [CancellationName(f)] : []));
            w.WriteLine($"{Signature(f, f.Name, skipSelf: true, "public ")} => _abi.{call}({args});");
        }

        w.WriteLine();
        w.WriteLine($"internal {handle} GetHandle({Runtime}.State.ResourceType type) =>");
        w.WriteLine($"    _handle ?? throw new global::System.ObjectDisposedException(\"{resource.Name}\", \"the handle of resource '{resource.WitName}' has been dropped (disposed, or moved into the component)\");");
        w.WriteLine();
        w.WriteLine($"internal {handle} TakeHandle({Runtime}.State.ResourceType type)");
        w.OpenBlock();
        w.WriteLine("var handle = GetHandle(type);");
        w.WriteLine("_handle = null;");
        w.WriteLine("return handle;");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>Drops the handle: the component runs the resource's destructor.</summary>");
        w.WriteLine("public void Dispose()");
        w.OpenBlock();
        w.WriteLine("if (_handle is { } handle)");
        w.OpenBlock();
        w.WriteLine("_handle = null;");
        w.WriteLine("_abi.Drop(handle);");
        w.CloseBlock();
        w.CloseBlock();
        w.CloseBlock();
    }

    // ---- the world class -----------------------------------------------------------------------

    private void WriteWorld(SourceWriter w, List<InterfaceBindingSpec> imports)
    {
        var cls = _world.ClassName;
        var exportInterfaces = _world.Exports.Where(e => e.InstanceName is not null).ToList();
        var worldFunctions = _world.Exports.FirstOrDefault(e => e.InstanceName is null);
        var hasImports = imports.Count > 0;
        var importsParam = hasImports ? "Imports imports, " : string.Empty;
        var importsArg = hasImports ? "imports, " : string.Empty;

        Docs.Summary(w, _world.Docs, $"An instance of a component that targets the WIT world <c>{Docs.Escape(_world.WorldName)}</c>: call its exports; dispose it to release the instance.");
        GeneratedCode.Write(w);
        w.WriteLine($"public sealed partial class {cls} : global::System.IDisposable");
        w.OpenBlock();
        w.WriteLine($"private readonly {_abiClass} _abi;");
        w.WriteLine();
        w.WriteLine($"private {cls}({_abiClass} abi)");
        w.OpenBlock();
        w.WriteLine("_abi = abi;");
        foreach (var e in exportInterfaces)
        {
            w.WriteLine($"{e.PropertyName} = new {e.TypeName}(abi);");
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>The runtime instance behind the bindings.</summary>");
        w.WriteLine($"public {Runtime}.ComponentInstance Instance => _abi.Instance;");
        foreach (var e in exportInterfaces)
        {
            w.WriteLine();
            Docs.Summary(w, e.Docs, $"The exported interface <c>{Docs.Escape(e.InstanceName!)}</c>.");
            w.WriteLine($"public {e.TypeName} {e.PropertyName} {{ get; }}");
        }

        // Entry points.
        var importsDoc = hasImports ? "/// <param name=\"imports\">The host implementations of the world's imports.</param>\n" : string.Empty;
        var providersDoc = "/// <param name=\"providers\">More imports (a WASI host, other components) for what the world does not name; the world's own imports win.</param>";
        w.WriteLine();
        w.WriteLine("/// <summary>Instantiates a loaded component and binds its exports.</summary>");
        w.WriteLine("/// <param name=\"component\">The component.</param>");
        WriteRaw(w, importsDoc);
        w.WriteLine(providersDoc);
        w.WriteLine("/// <returns>The instance.</returns>");
        w.WriteLine($"/// <exception cref=\"{Runtime}.ComponentLinkException\">An import is not satisfied (named in the message) or an export is missing or has another type.</exception>");
        w.WriteLine($"public static {cls} Instantiate({Runtime}.LoadedComponent component, {importsParam}params {Runtime}.HostImports[] providers) =>");
        w.WriteLine($"    Instantiate(component, {importsArg}_C::WorldInstantiation.RuntimeLimits(component), providers);");
        w.WriteLine();
        w.WriteLine("/// <summary>Instantiates a loaded component with its own limits and binds its exports.</summary>");
        w.WriteLine("/// <param name=\"component\">The component.</param>");
        WriteRaw(w, importsDoc);
        w.WriteLine("/// <param name=\"limits\">What the instance may use (memory, handles, fuel, a deadline per call, cancellation); null for none, not even the runtime's.</param>");
        w.WriteLine(providersDoc);
        w.WriteLine("/// <returns>The instance.</returns>");
        w.WriteLine($"/// <exception cref=\"{Runtime}.ComponentLinkException\">An import is not satisfied (named in the message) or an export is missing or has another type.</exception>");
        w.WriteLine($"/// <exception cref=\"{Runtime}.ComponentTrapException\">Instantiation went past a limit.</exception>");
        w.WriteLine($"public static {cls} Instantiate({Runtime}.LoadedComponent component, {importsParam}{Runtime}.ComponentLimits? limits, params {Runtime}.HostImports[] providers)");
        w.OpenBlock();
        if (hasImports)
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(imports);");
        }

        w.WriteLine($"var abi = new {_abiClass}();");
        string define;
        if (HasProvided && hasImports)
        {
            define = "host => { abi.BindProvided(host); abi.DefineImports(host, imports); }";
        }
        else if (HasProvided)
        {
            define = "abi.BindProvided";
        }
        else if (hasImports)
        {
            define = "host => abi.DefineImports(host, imports)";
        }
        else
        {
            define = "null";
        }

        w.WriteLine($"_C::WorldInstantiation.Instantiate(component, providers, \"{_world.WorldName}\", limits, {define}, abi.BindExports);");
        w.WriteLine($"return new {cls}(abi);");
        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("/// <summary>Loads a component from its bytes, instantiates it and binds its exports.</summary>");
        w.WriteLine("/// <param name=\"runtime\">The runtime (engine and compiled-module cache).</param>");
        w.WriteLine("/// <param name=\"component\">The component binary.</param>");
        WriteRaw(w, importsDoc);
        w.WriteLine(providersDoc);
        w.WriteLine("/// <returns>The instance.</returns>");
        w.WriteLine($"public static {cls} Instantiate({Runtime}.ComponentRuntime runtime, global::System.ReadOnlyMemory<byte> component, {importsParam}params {Runtime}.HostImports[] providers) =>");
        w.WriteLine($"    Instantiate(_C::WorldInstantiation.Load(runtime, component), {importsArg}providers);");
        w.WriteLine();
        w.WriteLine("/// <summary>Loads a component file, instantiates it and binds its exports.</summary>");
        w.WriteLine("/// <param name=\"runtime\">The runtime (engine and compiled-module cache).</param>");
        w.WriteLine("/// <param name=\"path\">The path of the <c>.wasm</c> component.</param>");
        WriteRaw(w, importsDoc);
        w.WriteLine(providersDoc);
        w.WriteLine("/// <returns>The instance.</returns>");
        w.WriteLine($"public static {cls} Instantiate({Runtime}.ComponentRuntime runtime, string path, {importsParam}params {Runtime}.HostImports[] providers) =>");
        w.WriteLine($"    Instantiate(_C::WorldInstantiation.LoadFile(runtime, path), {importsArg}providers);");
        w.WriteLine();
        w.WriteLine("/// <summary>Releases the component instance.</summary>");
        w.WriteLine("public void Dispose() => _abi.Instance.Dispose();");

        if (worldFunctions is not null)
        {
            foreach (var f in worldFunctions.Functions)
            {
                w.WriteLine();
                WriteExportMethod(w, null, f, f.Name);
            }
        }

        if (hasImports)
        {
            w.WriteLine();
            WriteImportsClass(w, imports);
        }

        foreach (var e in exportInterfaces)
        {
            w.WriteLine();
            WriteExportClass(w, e);
        }

        w.CloseBlock();
        w.WriteLine();
        WriteAbiClass(w, imports);
    }

    private static void WriteRaw(SourceWriter w, string lines)
    {
        foreach (var line in lines.Split('\n').Where(l => l.Length > 0))
        {
            w.WriteLine(line);
        }
    }

    private void WriteImportsClass(SourceWriter w, List<InterfaceBindingSpec> imports)
    {
        w.WriteLine($"/// <summary>The host implementations of the imports of the world <c>{Docs.Escape(_world.WorldName)}</c>.</summary>");
        GeneratedCode.Write(w);
        w.WriteLine("public sealed class Imports");
        w.OpenBlock();
        w.WriteLine("/// <summary>Collects the implementations.</summary>");
        foreach (var i in imports)
        {
            w.WriteLine($"/// <param name=\"{i.PropertyName.TrimStart('@')}\">The implementation of {ImportDescription(i)}.</param>");
        }

        w.WriteLine($"public Imports({string.Join(", ", imports.Select(i => $"global::{i.Namespace}.{i.TypeName} {i.PropertyName}"))})");
        w.OpenBlock();
        foreach (var i in imports)
        {
            w.WriteLine($"{Property(i)} = {i.PropertyName} ?? throw new global::System.ArgumentNullException(nameof({i.PropertyName}), \"the implementation of {ImportName(i)} must not be null\");");
        }

        w.CloseBlock();
        foreach (var i in imports)
        {
            w.WriteLine();
            w.WriteLine($"/// <summary>The implementation of {ImportDescription(i)}.</summary>");
            w.WriteLine($"public global::{i.Namespace}.{i.TypeName} {Property(i)} {{ get; }}");
        }

        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The implementations as runtime import definitions, to provide them to a component of another world");
        w.WriteLine("/// (pass them as a provider to its <c>Instantiate</c>) or to a <see cref=\"" + Runtime.Substring(8) + ".LoadedComponent\"/> directly.");
        w.WriteLine("/// </summary>");
        if (HasProvided)
        {
            w.WriteLine("/// <param name=\"providers\">The providers of the interfaces whose resources the imports pass (the world's <c>Instantiate</c> takes the same).</param>");
        }

        w.WriteLine("/// <returns>A new set of import definitions.</returns>");
        w.WriteLine(HasProvided ? $"public {Runtime}.HostImports ToHostImports(params {Runtime}.HostImports[] providers)" : $"public {Runtime}.HostImports ToHostImports()");
        w.OpenBlock();
        w.WriteLine($"var host = new {Runtime}.HostImports();");
        if (HasProvided)
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(providers);");
            w.WriteLine($"var all = new {Runtime}.HostImports();");
            w.WriteLine("foreach (var provider in providers)");
            w.OpenBlock();
            w.WriteLine("all.Add(provider);");
            w.CloseBlock();
            w.WriteLine($"var abi = new {_abiClass}();");
            w.WriteLine("abi.BindProvided(all);");
            w.WriteLine("abi.DefineImports(host, this);");
        }
        else
        {
            w.WriteLine($"new {_abiClass}().DefineImports(host, this);");
        }

        w.WriteLine("return host;");
        w.CloseBlock();
        w.CloseBlock();
    }

    private string ImportDescription(InterfaceBindingSpec i) =>
        i.InstanceName is null ? $"the world's function imports" : $"<c>{Docs.Escape(i.InstanceName)}</c>";

    private static string ImportName(InterfaceBindingSpec i) =>
        i.InstanceName is null ? "the world's function imports" : $"the imported interface '{i.InstanceName}'";

    private static string Property(InterfaceBindingSpec i)
    {
        var name = i.PropertyName.TrimStart('@');
        name = char.ToUpperInvariant(name[0]) + name.Substring(1);
        return name is "Equals" or "GetHashCode" or "ToString" or "GetType" or "Imports" ? name + "_" : Naming.Escape(name);
    }

    private void WriteExportClass(SourceWriter w, InterfaceBindingSpec e)
    {
        Docs.Summary(w, e.Docs, $"The functions of the exported interface <c>{Docs.Escape(e.InstanceName!)}</c>.");
        GeneratedCode.Write(w);
        w.WriteLine(e.HostInterface is null ? $"public sealed class {e.TypeName}" : $"public sealed class {e.TypeName} : global::{e.Namespace}.{e.HostInterface}");
        w.OpenBlock();
        w.WriteLine($"private readonly {_abiClass} _abi;");
        w.WriteLine();
        w.WriteLine($"internal {e.TypeName}({_abiClass} abi) => _abi = abi;");
        foreach (var resource in e.Resources)
        {
            foreach (var f in resource.Functions.Where(f => f.Kind is FunctionSpecKind.Constructor or FunctionSpecKind.Static))
            {
                w.WriteLine();
                WriteExportMethod(w, resource.FullName, f, HostMemberName(resource, f), f.Kind == FunctionSpecKind.Constructor ? $"Creates a <c>{Docs.Escape(resource.WitName)}</c> in the component (its constructor)." : null);
            }
        }

        foreach (var f in e.Functions)
        {
            w.WriteLine();
            WriteExportMethod(w, e.InstanceName, f, f.Name);
        }

        w.CloseBlock();
    }

    private void WriteExportMethod(SourceWriter w, string? owner, FunctionSpec f, string name, string? fallback = null)
    {
        WriteMethodDocs(w, f, fallback);
        var call = ExportCall(owner, f);
        var arguments = f.Params.Select(p => p.Name);
        if (f.IsAsync)
        {
            arguments = arguments.Append(CancellationName(f));
        }

        w.WriteLine($"{Signature(f, name, skipSelf: false, "public ")} => _abi.{call}({string.Join(", ", arguments)});");
        WriteLargeResultMethods(w, owner, f, name);
    }

    // ---- the ABI class -------------------------------------------------------------------------

    private readonly SourceWriter _binds = new();

    private readonly Dictionary<(string? Owner, string WitName), string> _callNames = new();

    /// <summary>The ABI class method that calls an exported function.</summary>
    private string ExportCall(string? owner, FunctionSpec f) => _callNames[(owner, f.WitName)];

    /// <summary>Adds the call body of every exported function to the ABI class.</summary>
    private void RegisterExports()
    {
        foreach (var (instance, owner, f) in ExportOrder(_world))
        {
            _currentInstance = instance;
            _callNames[(owner, f.WitName)] = AddExportCall(f);
        }

        // After the ordinary calls: each large-result call takes its ordinary call's number and function field.
        RegisterLargeResultCalls();
    }

    private readonly SourceWriter _fields = Indented(2);

    private static SourceWriter Indented(int levels)
    {
        var w = new SourceWriter();
        for (var k = 0; k < levels; k++)
        {
            w.Indent();
        }

        return w;
    }

    /// <summary>
    /// Adds the call of an exported function: its <c>F</c> property (the function, its type checked when the
    /// instance is bound, made on the first call) and its
    /// <c>Call</c> method, which runs the runtime's call protocol (<c>ExportFunction</c>): lower the arguments into
    /// the slots, call, lift the result, complete the call and return the result, or abort and rethrow when lifting
    /// fails. The call's state (function, context, slots, entered instances) stays in locals the JIT can keep in
    /// registers.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="large">
    /// For a large-result form (see <see cref="RegisterLargeResultCalls"/>): the form, and the number of the
    /// function's ordinary call, whose function field this call shares and whose name it extends
    /// (<c>Call5Span</c>, <c>Call5Writer</c>).
    /// </param>
    private string AddExportCall(FunctionSpec f, (LargeResult Form, string Id)? large = null)
    {
        if (f.IsAsync)
        {
            return AddAsyncExportCall(f);
        }

        var id = large is { } of ? of.Id + of.Form : N(_callCount++);
        var field = "F" + (large?.Id ?? id);
        if (large is null)
        {
            var instance = _currentInstance is null ? "null" : $"\"{_currentInstance}\"";
            // The type is checked at instantiation; the function is made on its first call (an instance keeps
            // nothing for the exports it never calls).
            _binds.WriteLine($"_C::ExportBinding.CheckFunction(instance, {instance}, \"{f.WitName}\", {FunctionType(f)});");
            _fields.WriteLine($"private _C::ExportFunction? _f{id};");
            _fields.WriteLine($"internal _C::ExportFunction {field} => _f{id} ?? _C::ExportBinding.BindOnFirstCall(ref _f{id}, Instance, {instance}, \"{f.WitName}\");");
        }

        var w = _calls;
        var parameters = f.Params.Select((p, k) => $"{p.Shape.Type} a{N(k)}");
        if (large is { } form)
        {
            parameters = parameters.Append($"{DestinationType(form.Form)} dst");
        }

        w.WriteLine();
        w.WriteLine($"internal {(large is null ? ResultType(f) : "int")} Call{id}({string.Join(", ", parameters)})");
        w.OpenBlock();
        WriteArgumentChecks(w, f);
        if (large?.Form == LargeResult.Writer)
        {
            w.WriteLine($"{MarshalWriter.Abi}.ThrowIfNull(dst, \"the destination of {f.Description}\", \"{DestinationName(f)}\");");
        }

        var slots = Math.Max(1, f.ParamsSpilled ? 1 : f.FlatParams);
        w.WriteLine($"var f = {field};");

        // The body goes to its own writer first: the context local is declared only when the body uses it.
        var outer = w;
        w = new SourceWriter();
        for (var k = 0; k < 3; k++)
        {
            w.Indent();
        }

        w.WriteLine($"global::System.Span<{Raw}> s = stackalloc {Raw}[{N(slots)}];");
        var hasIndex = LowersFlat(f);
        if (hasIndex)
        {
            w.WriteLine("var i = 0;");
        }

        var lowering = ArgumentLowering(f);

        var begin = WriteLowering(w, lowering, f.HasHandles);
        w.WriteLine("var e = f.Call(s);");
        var scope = f.HasHandles ? ", cx" : "";
        var endLends = f.HasHandles && _resources.Any(r => r.Imported);
        if (f.Result is not { } result)
        {
            if (endLends)
            {
                w.WriteLine("try");
                w.OpenBlock();
                w.WriteLine($"f.Complete(e, s{scope});");
                w.CloseBlock();
                WriteEndLends(w);
            }
            else
            {
                w.WriteLine($"f.Complete(e, s{scope});");
            }

            FlushCallBody(outer, w, f.HasHandles, begin);
            return "Call" + id;
        }

        string lifted;
        var infallible = false;
        var results = $"_C::ExportFunction.Results(cx, s, {N(result.Size)}U, {N(result.Align)})";
        if (large is { } copy)
        {
            lifted = LargeResultCopy(result, copy.Form, results);
        }
        else if (f.FlatResults != 1)
        {
            lifted = _marshal.Load(result, results, "cx");
        }
        else if (result.IsScalar)
        {
            lifted = MarshalWriter.LiftScalar(result.Kind, "s[0]");
            infallible = result.Kind != ShapeKind.Char;
        }
        else
        {
            w.WriteLine(hasIndex ? "i = 0;" : "var i = 0;");
            lifted = _marshal.Lift(result, "cx", "s");
        }

        if (infallible)
        {
            // Nothing to abort: the result is read from the slots before the call completes.
            if (endLends)
            {
                w.WriteLine("try");
                w.OpenBlock();
            }

            w.WriteLine($"return f.Return(e, s{scope}, {lifted});");
            if (endLends)
            {
                w.CloseBlock();
            }
        }
        else
        {
            // Lifting and completing (post-return, the handle scope) in one try: when either fails, Abort leaves
            // the instance (and poisons it after a trap). A copy into the caller's span checks that it fitted after
            // the call completed: a buffer too small is not the guest's fault.
            var fitted = large?.Form == LargeResult.Span;
            if (fitted)
            {
                w.WriteLine("int n;");
            }

            w.WriteLine("try");
            w.OpenBlock();
            w.WriteLine($"{(fitted ? "n =" : "return")} f.Lifted(e, s{scope}, {lifted});");
            w.CloseBlock();
            w.WriteLine("catch (global::System.Exception x)");
            w.OpenBlock();
            w.WriteLine("f.Abort(e, x);");
            w.WriteLine("throw;");
            w.CloseBlock();
        }

        if (endLends)
        {
            WriteEndLends(w);
        }

        if (large?.Form == LargeResult.Span)
        {
            w.WriteLine($"return _C::ResultBytes.Fitted(n, dst.Length, \"{f.Description}\", \"{DestinationName(f)}\");");
        }

        FlushCallBody(outer, w, f.HasHandles, begin);
        return "Call" + id;
    }

    /// <summary>
    /// Writes the lowering of a call's arguments. A call whose lowering goes through the context (the guest's
    /// <c>realloc</c>, handles) begins by claiming the instance (<c>ExportFunction.Begin</c> or <c>CallContext</c>),
    /// which its entering takes over: its lowering then runs in a <c>try</c> whose <c>catch</c> frees the claim
    /// (<c>Abandon</c>) when an argument cannot be lowered.
    /// </summary>
    /// <returns>True when the call begins with a claim.</returns>
    private static bool WriteLowering(SourceWriter w, List<string> lowering, bool scoped)
    {
        var begin = scoped || lowering.Any(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"\bcx\b"));
        if (!begin || lowering.Count == 0)
        {
            foreach (var line in lowering)
            {
                w.WriteLine(line);
            }

            return begin;
        }

        w.WriteLine("try");
        w.OpenBlock();
        foreach (var line in lowering)
        {
            w.WriteLine(line);
        }

        w.CloseBlock();
        w.WriteLine("catch");
        w.OpenBlock();
        w.WriteLine("f.Abandon();");
        w.WriteLine("throw;");
        w.CloseBlock();
        return begin;
    }

    /// <summary>
    /// Writes a call's body after the context local, if the body uses it (a function with handles always has its
    /// per-call context, which completing the call checks; a call that lowers through the context begins with a claim
    /// of the instance), and closes the method.
    /// </summary>
    private static void FlushCallBody(SourceWriter outer, SourceWriter body, bool scoped, bool begin)
    {
        var text = body.ToString();
        if (scoped)
        {
            outer.WriteLine("var cx = f.CallContext();");
        }
        else if (begin)
        {
            outer.WriteLine("var cx = f.Begin();");
        }
        else if (System.Text.RegularExpressions.Regex.IsMatch(text, @"\bcx\b"))
        {
            outer.WriteLine("var cx = f.Context;");
        }

        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            outer.WriteVerbatim(line.TrimEnd('\r'));
        }

        outer.CloseBlock();
    }

    /// <summary>Ends the loans of host resources a call with handles made, however the call ends.</summary>
    private static void WriteEndLends(SourceWriter w)
    {
        w.WriteLine("finally");
        w.OpenBlock();
        w.WriteLine("EndLends();");
        w.CloseBlock();
    }

    private string? _currentInstance;

    /// <summary>Null checks of the reference-typed arguments of an export call (a method's receiver is its handle).</summary>
    private static void WriteArgumentChecks(SourceWriter w, FunctionSpec f)
    {
        for (var k = f.Kind == FunctionSpecKind.Method ? 1 : 0; k < f.Params.Count; k++)
        {
            var p = f.Params[k];
            if (p.Shape.IsReference)
            {
                w.WriteLine($"{MarshalWriter.Abi}.ThrowIfNull(a{N(k)}, \"parameter '{p.WitName}' of {f.Description}\", \"{p.Name.TrimStart('@')}\");");
            }
        }
    }

    /// <summary>Whether an export call lowers its arguments flat into the slots, through an index <c>i</c> the caller declares.</summary>
    private static bool LowersFlat(FunctionSpec f) => !f.ParamsSpilled && f.FlatParams > 0;

    /// <summary>
    /// The statements that lower an export call's arguments (<c>a0</c>, … through the context <c>cx</c> into the slots
    /// <c>s</c>): stored at their offsets in a spill area, or lowered flat from <c>i</c> (see <see cref="LowersFlat"/>).
    /// </summary>
    private List<string> ArgumentLowering(FunctionSpec f)
    {
        var lowering = new List<string>();
        if (f.ParamsSpilled)
        {
            var (offsets, size, align) = AbiLayout.Product(f.Params.Select(p => p.Shape));
            lowering.Add($"var args = _C::ExportFunction.Spill(cx, s, {N(align)}U, {N(size)}U);");
            for (var k = 0; k < f.Params.Count; k++)
            {
                lowering.Add(_marshal.Store(f.Params[k].Shape, "a" + N(k), offsets[k] == 0 ? "args" : $"args + {N(offsets[k])}", "cx"));
            }
        }
        else if (LowersFlat(f))
        {
            for (var k = 0; k < f.Params.Count; k++)
            {
                lowering.Add(_marshal.Lower(f.Params[k].Shape, "a" + N(k), "cx", "s"));
            }
        }

        return lowering;
    }

    private string FunctionType(FunctionSpec f) =>
        $"new _A::AbiFunctionType({Types(f.Params.Select(p => p.Shape))}, {Types(f.Result is { } r ? new[] { r } : Array.Empty<ShapeSpec>())})";

    private string Types(IEnumerable<ShapeSpec> shapes)
    {
        var list = shapes.Select(s => _marshal.TypeExpression(s)).ToList();
        return list.Count == 0 ? $"global::System.Array.Empty<{MarshalWriter.AbiType}>()" : $"new {MarshalWriter.AbiType}[] {{ {string.Join(", ", list)} }}";
    }

    private void WriteAbiClass(SourceWriter w, List<InterfaceBindingSpec> imports)
    {
        var importBodies = new SourceWriter();
        importBodies.Indent();
        importBodies.Indent();
        // Inside namespace, class and method: three levels.
        var defines = new SourceWriter();
        defines.Indent();
        defines.Indent();
        defines.Indent();
        var importIndex = 0;
        foreach (var i in imports)
        {
            var host = i.InstanceName is null ? "host" : $"host.DefineInstance(\"{i.InstanceName}\")";
            var local = "i" + N(importIndex++);
            defines.WriteLine($"var {local} = {host};");
            var impl = $"imports.{Property(i)}";
            foreach (var resource in i.Resources)
            {
                var r = N(_roles[resource.FullName].Index);
                // Defined over its table, which is also its destructor (removes and disposes the object): no delegate
                // per instance. An interface's table is registered with the resource, so that other bindings passing
                // it find both.
                defines.WriteLine($"Type{r} = _C::ProvidedResources.DefineTableResource({local}, \"{resource.WitName}\", Table{r});");
                defines.WriteLine($"Own{r} = {MarshalWriter.AbiType}.Own(Type{r});");
                defines.WriteLine($"Borrow{r} = {MarshalWriter.AbiType}.Borrow(Type{r});");
            }

            // Every resource type of the interface exists before any function type mentions one (a method of one
            // resource may return another declared after it, as wasi:sockets/udp's udp-socket.stream does).
            foreach (var resource in i.Resources)
            {
                foreach (var f in resource.Functions)
                {
                    WriteImport(importBodies, defines, local, impl, f, i, resource);
                }
            }

            foreach (var f in i.Functions)
            {
                WriteImport(importBodies, defines, local, impl, f, i, null);
            }
        }

        w.WriteLine($"/// <summary>The call bodies and canonical ABI code of <see cref=\"{_world.ClassName}\"/> (generated; not for direct use).</summary>");
        GeneratedCode.Write(w);
        w.WriteLine($"internal sealed class {_abiClass}");
        w.OpenBlock();
        w.WriteLine("internal _R::ComponentInstance Instance = null!;");
        foreach (var resource in _resources)
        {
            var r = N(_roles[resource.FullName].Index);
            w.WriteLine($"internal _R::State.ResourceType Type{r} = null!;");
            w.WriteLine($"internal _A::AbiOwnType Own{r} = null!;");
            w.WriteLine($"internal _A::AbiBorrowType Borrow{r} = null!;");
            if (IsProvided(resource))
            {
                w.WriteLine($"internal _C::HostResourceTable<{resource.FullName}> Table{r} = null!;");
            }
            else if (resource.Imported)
            {
                w.WriteLine($"internal readonly _C::HostResourceTable<{resource.FullName}> Table{r} = new();");
            }
        }

        var types = Indented(2);
        _marshal.WriteTypeFields(types);
        foreach (var line in (_fields.ToString() + types).Split('\n').Where(l => l.Length > 0))
        {
            w.WriteVerbatim(line);
        }

        if (HasProvided)
        {
            w.WriteLine();
            w.WriteLine($"internal void BindProvided(_R::HostImports providers)");
            w.OpenBlock();
            foreach (var i in _world.Provided)
            {
                foreach (var resource in i.Resources)
                {
                    var r = N(_roles[resource.FullName].Index);
                    w.WriteLine($"Table{r} = _C::ProvidedResources.FindResourceTable<{resource.FullName}>(providers, \"{i.InstanceName}\", \"{resource.WitName}\", out Type{r});");
                    w.WriteLine($"Own{r} = {MarshalWriter.AbiType}.Own(Type{r});");
                    w.WriteLine($"Borrow{r} = {MarshalWriter.AbiType}.Borrow(Type{r});");
                }
            }

            w.CloseBlock();
        }

        if (imports.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"internal void DefineImports(_R::HostImports host, {_worldClass}.Imports imports)");
            w.OpenBlock();
            WriteRawBlock(w, _marshal.ResolveTypes(defines.ToString()).TrimEnd('\n'));
            w.CloseBlock();
        }

        w.WriteLine();
        w.WriteLine("internal void BindExports(_R::ComponentInstance instance)");
        w.OpenBlock();
        w.WriteLine("Instance = instance;");
        foreach (var e in _world.Exports.Where(e => e.InstanceName is not null))
        {
            foreach (var resource in e.Resources)
            {
                var r = N(_roles[resource.FullName].Index);
                if (resource.Imported)
                {
                    continue;
                }

                w.WriteLine($"Type{r} = _C::ExportBinding.BindResourceType(instance, \"{e.InstanceName}\", \"{resource.WitName}\");");
                w.WriteLine($"Own{r} = {MarshalWriter.AbiType}.Own(Type{r});");
                w.WriteLine($"Borrow{r} = {MarshalWriter.AbiType}.Borrow(Type{r});");
            }
        }

        foreach (var line in _marshal.ResolveTypes(_binds.ToString()).Split('\n').Where(l => l.Length > 0))
        {
            w.WriteLine(line);
        }

        w.CloseBlock();
        w.WriteLine();
        w.WriteLine("internal void Drop(_R::ResourceValue handle)");
        w.OpenBlock();
        w.WriteLine("if (!Instance.State.Disposed)");
        w.OpenBlock();
        w.WriteLine("Instance.Drop(handle);");
        w.CloseBlock();
        w.CloseBlock();
        if (_resources.Any(r => r.Imported))
        {
            w.WriteLine();
            w.WriteLine("internal void EndLends()");
            w.OpenBlock();
            foreach (var resource in _resources.Where(r => r.Imported))
            {
                w.WriteLine($"Table{N(_roles[resource.FullName].Index)}.EndLends();");
            }

            w.CloseBlock();
        }
        WriteRawBlock(w, _calls.ToString());
        WriteRawBlock(w, importBodies.ToString());
        var methods = new SourceWriter();
        methods.Indent();
        methods.Indent();
        _marshal.WriteMethods(methods);
        WriteRawBlock(w, methods.ToString());
        w.CloseBlock();
    }

    /// <summary>Appends text written at the ABI class's member indentation.</summary>
    private static void WriteRawBlock(SourceWriter w, string text)
    {
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (line.Length == 0)
            {
                w.WriteLine();
                continue;
            }

            w.WriteVerbatim(line);
        }
    }

    private void WriteImport(SourceWriter bodies, SourceWriter defines, string local, string impl, FunctionSpec f, InterfaceBindingSpec iface, ResourceBindingSpec? resource)
    {
        if (f.IsAsync)
        {
            WriteAsyncImport(bodies, defines, local, impl, f, iface, resource);
            return;
        }

        var id = N(_callCount++);
        var implType = $"global::{iface.Namespace}.{iface.TypeName}";
        defines.WriteLine($"{local}.DefineRawFunction(\"{f.WitName}\", {FunctionType(f)}, (cx, s) => Import{id}(cx, s, {impl}));");

        var w = bodies;
        w.WriteLine();
        w.WriteLine($"internal void Import{id}({Cx} cx, global::System.Span<{Raw}> s, {implType} impl)");
        w.OpenBlock();
        var hasIndex = false;
        string? inline = null;
        if (f.ParamsSpilled)
        {
            var (offsets, size, align) = AbiLayout.Product(f.Params.Select(p => p.Shape));
            w.WriteLine($"var args = {MarshalWriter.Abi}.CheckRegion(cx, s[0].U32, {N(size)}U, {N(align)}, \"parameters\");");
            for (var k = 0; k < f.Params.Count; k++)
            {
                w.WriteLine($"var a{N(k)} = {_marshal.Load(f.Params[k].Shape, offsets[k] == 0 ? "args" : $"args + {N(offsets[k])}")};");
            }
        }
        else if (f.FlatParams > 0)
        {
            w.WriteLine("var i = 0;");
            hasIndex = true;
            if (f.Params.Count == 1 && resource is null)
            {
                // One argument: lifted where it is passed.
                inline = _marshal.Lift(f.Params[0].Shape);
            }
            else
            {
                for (var k = 0; k < f.Params.Count; k++)
                {
                    w.WriteLine($"var a{N(k)} = {_marshal.Lift(f.Params[k].Shape)};");
                }
            }
        }

        string call;
        var args = Enumerable.Range(0, f.Params.Count).Select(k => inline ?? "a" + N(k)).ToList();
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

        if (f.Result is not { } result)
        {
            w.WriteLine(call + ";");
            w.CloseBlock();
            return;
        }

        if (result.IsReference)
        {
            var where = iface.InstanceName is null ? string.Empty : $" of interface '{iface.InstanceName}'";
            w.WriteLine($"var r = {call} ?? throw {MarshalWriter.Abi}.NullResult(\"{f.Description}{where}\");");
        }
        else
        {
            w.WriteLine($"var r = {call};");
        }

        if (f.FlatResults != 1)
        {
            var area = $"{MarshalWriter.Abi}.CheckRegion(cx, s[{N(f.ParamsSpilled ? 1 : f.FlatParams)}].U32, {N(result.Size)}U, {N(result.Align)}, \"results\")";
            w.WriteLine(_marshal.Store(result, "r", area));
        }
        else if (result.IsScalar)
        {
            w.WriteLine($"s[0] = {MarshalWriter.LowerScalar(result.Kind, "r")};");
        }
        else
        {
            w.WriteLine(hasIndex ? "i = 0;" : "var i = 0;");
            w.WriteLine(_marshal.Lower(result, "r"));
        }

        w.CloseBlock();
    }
}
