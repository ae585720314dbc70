using Wasmtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Async;
using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Interop;
using WitBindgen.Runtime.Linking;
using WitBindgen.Runtime.Linking.Adapters;
using WitBindgen.Runtime.State;
using BinaryResourceType = WitBindgen.Runtime.Binary.ResourceType;
using ResourceType = WitBindgen.Runtime.State.ResourceType;

namespace WitBindgen.Runtime.Instantiation;

/// <summary>
/// Instantiates a component: walks its definitions in order, creating Wasmtime core instances,
/// lifted functions, lowered trampolines, resource types and nested component instances.
/// </summary>
internal sealed partial class Instantiator
{
    private readonly ComponentRuntime _runtime;
    private readonly Dictionary<Definition, ResourceType> _bindings = new(ReferenceEqualityComparer.Instance);
    private readonly Store _store;
    private readonly InstanceLimiter? _limiter;

    /// <summary>Every core instance created, for <see cref="ComponentInstance.LinearMemoryBytes"/>.</summary>
    private readonly List<Instance> _coreInstances = new();

    /// <summary>The compiled module of each core module definition, found once when the component was loaded.</summary>
    private readonly Dictionary<CoreModuleItem, Module> _modules;

    private Instantiator(ComponentRuntime runtime, Dictionary<CoreModuleItem, Module> modules, Store store, Dictionary<object, LinkedExport> linked, InstanceLimiter? limiter)
    {
        _runtime = runtime;
        _modules = modules;
        _store = store;
        _linked = linked;
        _limiter = limiter;
    }

    public static ComponentInstance Instantiate(LoadedComponent component, HostImports imports, string? world, ComponentLimits? limits)
    {
        var definition = component.Definition;
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var missing = new List<string>();
        var linked = new Dictionary<object, LinkedExport>(ReferenceEqualityComparer.Instance);
        foreach (var import in definition.Imports)
        {
            if (IsEqualityBound(import.Type))
            {
                // (type (eq i)): the bound gives the type, so the host has nothing to provide.
                continue;
            }

            var provided = imports.Find(import.Name.Name);
            if (provided is null)
            {
                missing.Add(import.Name.Name);
                continue;
            }

            arguments[import.Name.Name] = FromHost(import.Name.Name, provided, linked);
        }

        if (missing.Count != 0)
        {
            throw new ComponentLinkException(MissingImports.Describe(missing, imports.Names, world));
        }

        UnsupportedOptions.Check(definition);
        var store = new Store(component.Runtime.Engine);
        InstanceLimiter? limiter;
        try
        {
            limiter = InstanceLimiter.Create(component.Runtime, store, limits);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        var state = new InstanceState("root", null, limiter) { World = world };
        try
        {
            var instantiator = new Instantiator(component.Runtime, component.Modules, store, linked, limiter);
            var frame = new Frame(store, definition, null, state, arguments);
            instantiator.Run(frame);
            return new ComponentInstance(store, state, frame.Exports, instantiator._coreInstances);
        }
        catch
        {
            // Host objects the guest was handed before the failure (by a start function) are released too.
            state.End();
            store.Dispose();
            throw;
        }
    }

    /// <summary>The runtime value of a host definition; instances (nested ones too) become runtime instances.</summary>
    private static object? FromHost(string name, object provided, Dictionary<object, LinkedExport> linked) => provided switch
    {
        LinkedExport l => Linked(name, l, linked),
        HostFunction f => new HostCallable(name, f),
        AsyncHostFunction a => new AsyncHostCallable(name, a),
        RawHostDefinition r => new RawHostCallable(name, r),
        RawAsyncHostDefinition r => new RawAsyncHostCallable(name, r),
        TypedHostDefinition t => new HostCallable(name, t.Function, t.Type),
        TypedAsyncHostDefinition t => new AsyncHostCallable(name, t.Function, t.Type),
        // Links resolve (and may fail) now, as a link error of the instantiation; other definitions on first lookup.
        HostInstance i when HoldsLinks(i) => new RuntimeInstance(name, i.Exports.ToDictionary(
            p => p.Key,
            p => FromHost(name + "#" + p.Key, p.Value, linked),
            StringComparer.Ordinal)),
        HostInstance i => new RuntimeInstance(name, i.Snapshot(), (export, value) => FromHost(name + "#" + export, value, linked)),
        _ => provided,
    };

    private static bool HoldsLinks(HostInstance instance) =>
        instance.Exports.Values.Any(v => v is LinkedExport || (v is HostInstance nested && HoldsLinks(nested)));

    private void Run(Frame frame)
    {
        foreach (var item in frame.Definition.Items)
        {
            try
            {
                frame.Place(item, Evaluate(frame, item));
            }
            catch (ComponentFormatException e)
            {
                throw new ComponentLinkException($"invalid component: {e.Message}");
            }
        }
    }

    private object? Evaluate(Frame frame, ComponentItem item)
    {
        switch (item)
        {
            case CoreModuleItem module:
                return _modules.TryGetValue(module, out var compiled) ? compiled : _runtime.GetModule(module);
            case CoreInstantiationItem inst:
                return InstantiateCore(frame, inst);
            case CoreInlineInstanceItem inline:
                return InlineCore(frame, inline);
            case CoreTypeItem:
                return null;
            case NestedComponentItem nested:
                return new ComponentClosure(nested.Component, frame);
            case InstantiationItem inst:
                return InstantiateNested(frame, inst);
            case InlineInstanceItem inline:
                return Inline(frame, inline);
            case AliasItem { Alias: InstanceExportAlias { Sort: Sort.Type } typeAlias } alias:
                return AliasType(frame, alias, typeAlias);
            case AliasItem alias:
                return Alias(frame, alias.Alias);
            case TypeItem type:
                return DefineType(frame, type);
            case CanonLiftItem lift:
                return Lift(frame, lift);
            case CanonLowerItem lower:
            {
                var callee = frame.Get<IComponentCallable>(Sort.Function, lower.FunctionIndex);
                var type = Types(frame).Function(frame.Definition.ResolveFunctionType(lower.FunctionIndex));
                var options = Options(frame, lower, lower.Options);
                CheckWrittenType(callee, type);
                if (callee is RawHostCallable rawSync && !lower.Options.IsAsync && !type.IsAsync)
                {
                    // Generated bindings' imports: streams and futures in the type move through the call's scope.
                    return RawTrampoline.Lower(_store, rawSync, type, options);
                }

                if (callee is RawAsyncHostCallable rawAsync)
                {
                    return RawAsyncLower.Lower(_store, rawAsync, type, options, lower.Options.IsAsync);
                }

                if (lower.Options.IsAsync || type.IsAsync || callee is AsyncLiftedFunction || AsyncValues.Contains(type))
                {
                    return LowerAsync(frame, callee, type, options, lower.Options.IsAsync);
                }

                if (callee is LiftedFunction lifted && LinkTypeCheck.FirstDifference(type, lifted.Type) is null)
                {
                    // Another component instance's function (a live link or a sibling in a composed binary): fused.
                    var hostAdapter = LinkedTrampoline.Lower(_store, lifted.Name, lifted, type, options);
                    return WasmAdapter.TryLower(_runtime, _store, lifted, type, options, hostAdapter) ?? hostAdapter;
                }

                if (callee is RawHostCallable raw)
                {
                    return RawTrampoline.Lower(_store, raw, type, options);
                }

                return Trampolines.Lower(_store, Describe(callee), callee, type, options);
            }

            case CanonResourceNewItem n:
                return Trampolines.ResourceNew(_store, frame.State, ResourceOf(frame, n.TypeIndex));
            case CanonResourceRepItem r:
                return Trampolines.ResourceRep(_store, frame.State, ResourceOf(frame, r.TypeIndex));
            case CanonResourceDropItem d:
                return Trampolines.ResourceDrop(_store, frame.State, ResourceOf(frame, d.TypeIndex));
            case CanonBuiltinItem builtin:
                return AsyncBuiltin(frame, builtin);
            case StartItem start:
            {
                if (start.Arguments.Count != 0 || start.ResultCount != 0)
                {
                    throw new ComponentLinkException("component start functions that take or return values are not supported (component values are not)");
                }

                frame.Get<IComponentCallable>(Sort.Function, start.FunctionIndex).Call(null, Array.Empty<WitValue>());
                return null;
            }
            case ImportItem import:
                return Import(frame, import);
            case ExportItem export:
            {
                var value = frame.Get(export.Sort, export.Index);
                frame.Exports[export.Name.Name] = value;
                return value;
            }

            case ValueItem:
                throw new ComponentLinkException("component values are not supported");
            default:
                return null;
        }
    }

    // The lambdas capturing the frame live in methods of their own: a closure is allocated where its captured variable
    // enters scope, so in Evaluate it would be allocated for every item of every instantiation.
    private static CoreInstanceValue InlineCore(Frame frame, CoreInlineInstanceItem inline) =>
        new(inline.Exports.ToDictionary(e => e.Name, e => frame.Get(e.Sort, e.Index)!, StringComparer.Ordinal));

    private static RuntimeInstance Inline(Frame frame, InlineInstanceItem inline) =>
        new("inline instance", inline.Exports.ToDictionary(e => e.Name.Name, e => frame.Get(e.Sort, e.Index), StringComparer.Ordinal));

    private CoreInstanceValue InstantiateCore(Frame frame, CoreInstantiationItem item)
    {
        var module = frame.Get<Module>(Sort.CoreModule, item.ModuleIndex);
        var args = item.Arguments.ToDictionary(a => a.Name, a => frame.Get<CoreInstanceValue>(Sort.CoreInstance, a.Index), StringComparer.Ordinal);
        var externs = new object[module.Imports.Count];
        for (int i = 0; i < externs.Length; i++)
        {
            var import = module.Imports[i];
            if (!args.TryGetValue(import.ModuleName, out var provider))
            {
                throw new ComponentLinkException($"core module import '{import.ModuleName}' '{import.Name}' has no instantiation argument");
            }

            externs[i] = provider.GetExport(import.Name)
                ?? throw new ComponentLinkException($"core instance '{import.ModuleName}' has no export '{import.Name}'");
        }

        _limiter?.CountCoreInstance(frame.State);
        try
        {
            // Wasmtime .NET cannot pass tags: a module importing one is instantiated through the C API.
            var instance = externs.Any(e => e is CoreTag)
                ? NativeInstantiation.Instantiate(_store, module, externs)
                : new Instance(_store, module, externs);
            StoreEpoch.For(_store).Advance(); // a start function may have run
            _limiter?.Track(instance);
            _coreInstances.Add(instance);
            return new CoreInstanceValue(instance, _store, module);
        }
        catch (NativeTrapException e)
        {
            StoreEpoch.For(_store).Advance();
            if (PendingException.Take() is { } pending)
            {
                throw pending;
            }

            frame.State.Poisoned = true;
            throw Trapped(frame.State, "a core module's start function", e.Message, _limiter?.Classify(new CoreTrapException(e.Message)), e);
        }
        catch (WasmtimeException e) when (PendingException.Take() is var pending)
        {
            if (pending is not null)
            {
                throw pending;
            }

            // The start function ran and trapped (or threw an exception nothing caught, which Wasmtime reports as an
            // error with the wasm backtrace of the code that ran): a trap, as any other, not a link failure.
            if (e is TrapException || e.Message.Contains("wasm backtrace", StringComparison.Ordinal))
            {
                frame.State.Poisoned = true;
                var code = e is TrapException { Type: var type } ? StartTrapCode(type) : null;
                throw Trapped(frame.State, "a core module's start function", NativeText.Clean(e.Message), _limiter?.Classify(new CoreTrapException(e.Message, code)), e, code);
            }

            if (_limiter?.ClassifyInstantiation(e.Message) is { } limit)
            {
                frame.State.Poisoned = true;
                throw new ComponentTrapException(limit.Kind, $"{frame.State.Description} could not be instantiated: {limit.Reason} ({NativeText.Clean(e.Message)})", e);
            }

            throw new ComponentLinkException($"core module instantiation failed: {NativeText.Clean(e.Message)}");
        }
    }

    /// <summary>A trap during instantiation: the limit it came from (if any) gives its kind.</summary>
    private static ComponentTrapException Trapped(InstanceState state, string what, string message, (ComponentTrapKind Kind, string Reason)? limit, Exception inner, byte? code = null) =>
        limit is { } l
            ? new ComponentTrapException(l.Kind, $"{state.Description} trapped in {what}: {l.Reason} ({message})", inner)
            : code == CoreTrapException.StackOverflow
                ? new ComponentTrapException(ComponentTrapKind.StackOverflow, $"{state.Description} trapped in {what}: {message}", inner)
                : new ComponentTrapException($"{state.Description} trapped in {what}: {message}", inner);

    /// <summary>The C API trap code of the managed wrapper's trap kinds that limits explain.</summary>
    private static byte? StartTrapCode(TrapCode type) => type switch
    {
        TrapCode.OutOfFuel => CoreTrapException.OutOfFuel,
        TrapCode.StackOverflow => CoreTrapException.StackOverflow,
        TrapCode.Interrupt => CoreTrapException.Interrupt,
        _ => null,
    };

    private RuntimeInstance InstantiateNested(Frame frame, InstantiationItem item)
    {
        var closure = frame.Get<ComponentClosure>(Sort.Component, item.ComponentIndex);
        var args = item.Arguments.ToDictionary(a => a.Name, a => frame.Get(a.Sort, a.Index), StringComparer.Ordinal);
        var index = frame.Definition.IndexSpaces.Instances.FirstOrDefault(e => ReferenceEquals(e.Source, item))?.Index;
        var state = new InstanceState($"{frame.State.Name}/instance {index}", frame.State);
        var child = new Frame(_store, closure.Definition, closure.Frame, state, args);
        Run(child);
        return new RuntimeInstance(state.Name, child.Exports);
    }

    private static object? Alias(Frame frame, Alias alias) => alias switch
    {
        InstanceExportAlias a => frame.Get<RuntimeInstance>(Sort.Instance, a.InstanceIndex).Get(a.Name),
        CoreInstanceExportAlias a => frame.Get<CoreInstanceValue>(Sort.CoreInstance, a.InstanceIndex).GetExport(a.Name)
            ?? throw new ComponentLinkException($"core instance {a.InstanceIndex} has no export '{a.Name}'"),
        OuterAlias a => frame.Up(a.Count).Get(a.Sort, a.Index),
        _ => throw new ComponentLinkException($"unsupported alias {alias}"),
    };

    /// <summary>
    /// A type export of an instance. An instance provides values only for the types it defines or
    /// binds (resources); an <c>(eq i)</c> type export of an imported instance type (e.g.
    /// <c>wasi:io/streams</c>' <c>error</c>, equal to <c>wasi:io/error</c>'s resource) stands for the
    /// type it equals: the runtime resource bound to it, or nothing for a value type.
    /// </summary>
    private object? AliasType(Frame frame, AliasItem item, InstanceExportAlias alias)
    {
        var instance = frame.Get<RuntimeInstance>(Sort.Instance, alias.InstanceIndex);
        if (instance.TryGet(alias.Name, out var value))
        {
            return value;
        }

        var index = frame.Definition.IndexSpaces.Types.FirstOrDefault(e => ReferenceEquals(e.Source, item))
            ?? throw new ComponentLinkException($"{item.Describe()} has no type index");
        var resolved = frame.Definition.ResolveType(index.Index);
        return resolved.IsResource ? Types(frame).Resource(resolved) : null;
    }

    /// <summary>What a type index of the frame stands for at run time: a resource type, or nothing for a value type.</summary>
    private object? TypeValue(Frame frame, uint typeIndex)
    {
        if (frame.TryGet(Sort.Type, typeIndex, out var value) && value is not null)
        {
            return value;
        }

        var resolved = frame.Definition.ResolveType(typeIndex);
        return resolved.IsResource ? Types(frame).Resource(resolved) : null;
    }

    private object? DefineType(Frame frame, TypeItem item)
    {
        if (item.Type is not BinaryResourceType resource)
        {
            return null;
        }

        var name = ItemNames.Resource(frame.Definition, item, frame.State);
        var destroy = resource.DestructorIndex is { } dtorIndex
            ? GuestDestructor.Create(frame.State, name, new CoreFunction(frame.Get<Function>(Sort.CoreFunction, dtorIndex)))
            : null;
        var type = new ResourceType(name, frame.State, destroy);
        _bindings[item] = type;
        return type;
    }

    /// <summary>Whether an import is a type import bounded by <c>(eq i)</c>.</summary>
    private static bool IsEqualityBound(ExternType type) => type is TypeExternType { Bound.EqualTypeIndex: not null };

    private object? Import(Frame frame, ImportItem import)
    {
        if (import.Type is TypeExternType { Bound.EqualTypeIndex: { } equal })
        {
            // The type is the one the bound names (a nested component may also be given it as an argument).
            return frame.Arguments.TryGetValue(import.Name.Name, out var argument) && argument is not null
                ? argument
                : TypeValue(frame, equal);
        }

        if (!frame.Arguments.TryGetValue(import.Name.Name, out var value))
        {
            throw new ComponentLinkException($"import '{import.Name.Name}' was not provided");
        }

        switch (import.Type)
        {
            case TypeExternType { Bound.IsSubResource: true }:
                _bindings[import] = value as ResourceType ?? throw new ComponentLinkException($"import '{import.Name.Name}' must be a resource type");
                break;
            case InstanceExternType instanceType when value is RuntimeInstance instance:
                BindInstanceTypes(frame.Definition.ResolveType(instanceType.TypeIndex), instance, import.Name.Name);
                break;
            case FunctionExternType when value is not IComponentCallable:
                throw new ComponentLinkException($"import '{import.Name.Name}' must be a function");
        }

        if (frame.Outer is null && frame.State.Parent is null)
        {
            CheckLinks(frame, import, value);
        }

        return value;
    }

    /// <summary>Binds the resource types an instance type declares to the runtime types the instance provides.</summary>
    private void BindInstanceTypes(ResolvedType type, RuntimeInstance instance, string name)
    {
        if (type.Definition is not InstanceType instanceType)
        {
            return;
        }

        foreach (var declaration in instanceType.Declarations.OfType<ExportDeclaration>())
        {
            var exportName = declaration.Name.Name;
            switch (declaration.Type)
            {
                case TypeExternType { Bound.IsSubResource: true }:
                    if (!instance.TryGet(exportName, out var provided) || provided is not ResourceType resource)
                    {
                        throw new ComponentLinkException($"instance '{name}' must export a resource type named '{exportName}'");
                    }

                    _bindings[declaration] = resource;
                    break;
                case InstanceExternType nested when instance.TryGet(exportName, out var inner) && inner is RuntimeInstance innerInstance:
                    BindInstanceTypes(type.Scope.Enter(instanceType).ResolveType(nested.TypeIndex), innerInstance, name + "#" + exportName);
                    break;
            }
        }
    }

    /// <summary>The type converter of a frame, created on first use.</summary>
    private TypeConverter Types(Frame frame) => frame.Types ?? CreateTypes(frame);

    private TypeConverter CreateTypes(Frame frame) =>
        frame.Types = new TypeConverter(_bindings, (scope, index) =>
            ReferenceEquals(scope.Component, frame.Definition) && frame.TryGet(Sort.Type, index, out var value) ? value as ResourceType : null,
            SharedAbiTypes.For(frame.Definition));

    private ResourceType ResourceOf(Frame frame, uint typeIndex) =>
        frame.Get(Sort.Type, typeIndex) as ResourceType
        ?? Types(frame).Resource(frame.Definition.ResolveType(typeIndex));

    private IComponentCallable Lift(Frame frame, CanonLiftItem lift)
    {
        if (lift.Options.IsAsync)
        {
            return LiftAsync(frame, lift);
        }

        var type = Types(frame).Function(frame.Definition.ResolveType(lift.TypeIndex));
        var core = Core(frame.Get<Function>(Sort.CoreFunction, lift.CoreFunctionIndex));
        var name = ItemNames.Lift(frame.Definition, lift);
        return new LiftedFunction(name, core, type, Options(frame, lift, lift.Options));
    }

    /// <summary>
    /// One prepared core function per Wasmtime function of the instantiation: the guest's <c>realloc</c> and
    /// <c>post-return</c> serve every lift and lower that names them.
    /// </summary>
    private readonly Dictionary<Function, CoreFunction> _coreFunctions = new(ReferenceEqualityComparer.Instance);

    /// <summary>One memory view per instance and memory, shared by the options of every lift and lower that name it.</summary>
    private readonly Dictionary<(InstanceState, Memory), WasmMemory> _memories = new();

    /// <summary>One set of resolved options per distinct combination: most lowers of an instance name the same memory and realloc.</summary>
    private readonly Dictionary<(InstanceState State, WasmMemory?, CoreFunction?, CoreFunction?, Abi.StringEncoding), CanonOptions> _options = new();

    private CoreFunction Core(Function function)
    {
        if (!_coreFunctions.TryGetValue(function, out var core))
        {
            _coreFunctions[function] = core = new CoreFunction(function);
        }

        return core;
    }

    private WasmMemory View(InstanceState state, Memory memory)
    {
        if (!_memories.TryGetValue((state, memory), out var view))
        {
            _memories[(state, memory)] = view = new WasmMemory(memory, state);
        }

        return view;
    }

    private CanonOptions Options(Frame frame, CanonItem item, CanonicalOptions options)
    {
        var memory = options.MemoryIndex is { } m ? frame.Get<Memory>(Sort.CoreMemory, m) : null;
        if (memory is { Is64Bit: true })
        {
            // CanonicalABI.md lets a 64-bit memory carry i64 pointers and lengths; this runtime's ABI is 32-bit.
            throw new ComponentLinkException(
                $"{item.Describe()} (at offset 0x{item.Offset:x}) names a 64-bit memory (memory i64, core memory {options.MemoryIndex}) as its memory option; " +
                "this runtime lifts and lowers through 32-bit memories only");
        }

        var realloc = options.ReallocIndex is { } r ? Core(frame.Get<Function>(Sort.CoreFunction, r)) : null;
        var postReturn = options.PostReturnIndex is { } p ? Core(frame.Get<Function>(Sort.CoreFunction, p)) : null;
        var encoding = options.StringEncoding switch
        {
            Binary.StringEncoding.Utf16 => Abi.StringEncoding.Utf16,
            Binary.StringEncoding.Latin1Utf16 => Abi.StringEncoding.Latin1Utf16,
            _ => Abi.StringEncoding.Utf8,
        };
        var key = (frame.State, memory is null ? null : View(frame.State, memory), realloc, postReturn, encoding);
        if (!_options.TryGetValue(key, out var shared))
        {
            _options[key] = shared = new CanonOptions(key.State, key.Item2, realloc, postReturn, encoding);
        }

        return shared;
    }

    private static string Describe(IComponentCallable callee) => callee switch
    {
        LiftedFunction l => l.Name,
        HostCallable h => h.Name,
        _ => "function",
    };

    /// <summary>
    /// Refuses a host function defined for one function type (typed and raw definitions) as the import of another,
    /// before any lowering of it is made.
    /// </summary>
    private static void CheckWrittenType(IComponentCallable callee, AbiFunctionType type)
    {
        var (name, written) = callee switch
        {
            HostCallable h => (h.Name, h.Type),
            AsyncHostCallable a => (a.Name, a.Type),
            RawHostCallable r => (r.Name, r.Definition.Type),
            RawAsyncHostCallable r => (r.Name, r.Definition.Type),
            _ => (null, null),
        };
        if (written is not null && AbiTypeMatch.FirstDifference(written, type) is { } difference)
        {
            throw new ComponentLinkException($"import '{name}' has type {type}, but its host implementation was written for {written}: {difference}");
        }
    }
}
