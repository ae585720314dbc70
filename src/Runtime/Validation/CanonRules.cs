using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// Canonical definitions (Explainer.md "Canonical Definitions", CanonicalABI.md "canonopt Validation",
/// "canon lift", "canon lower" and the resource built-ins):
/// <list type="bullet">
/// <item><c>memory</c> is a 32-bit memory and is present when values pass through memory (lists, strings,
/// spilled parameters or results); <c>realloc</c> is present when the ABI allocates in the guest, needs
/// <c>memory</c>, and has type <c>(func (param i32 i32 i32 i32) (result i32))</c>;</item>
/// <item><c>post-return</c> only on a synchronous lift, taking the lifted core function's results;
/// <c>async</c> only with an <c>async</c> function type; <c>callback</c> only on an async lift;</item>
/// <item>the core function a lift wraps has exactly the flattened type of the lifted function type;</item>
/// <item><c>resource.new</c> and <c>resource.rep</c> name a resource type defined by this very component.</item>
/// </list>
/// </summary>
internal static class CanonRules
{
    private static readonly CoreFunctionType Realloc = new(
        [CoreValueType.I32, CoreValueType.I32, CoreValueType.I32, CoreValueType.I32], [CoreValueType.I32]);

    /// <summary>Checks every canonical definition of <paramref name="root"/> and of its nested components.</summary>
    /// <exception cref="ComponentFormatException">A canonical definition breaks one of the rules.</exception>
    public static void Check(ComponentDefinition root)
    {
        var facts = new ValueTypeFacts();
        foreach (var scope in ValidationScope.All(root))
        {
            if (scope.Kind != ScopeKind.Component)
            {
                continue;
            }

            foreach (var definition in scope.Definitions)
            {
                if (definition is not CanonItem canon)
                {
                    continue;
                }

                try
                {
                    Check(scope, canon, facts);
                }
                catch (ComponentFormatException e) when (!e.Reason.StartsWith("invalid component:", StringComparison.Ordinal))
                {
                    throw ComponentValidator.Invalid(e.Reason, canon.Offset);
                }
            }
        }
    }

    private static void Check(ValidationScope scope, CanonItem canon, ValueTypeFacts facts)
    {
        switch (canon)
        {
            case CanonLiftItem lift:
                Lift(scope, lift, facts);
                break;
            case CanonLowerItem lower:
                Lower(scope, lower, facts);
                break;
            case CanonResourceNewItem item:
                Local(scope, item, item.TypeIndex, "resource.new");
                break;
            case CanonResourceRepItem item:
                Local(scope, item, item.TypeIndex, "resource.rep");
                break;
            case CanonBuiltinItem builtin:
                CanonBuiltinRules.Check(scope, builtin, facts);
                break;
        }
    }

    private static void Lift(ValidationScope scope, CanonLiftItem lift, ValueTypeFacts facts)
    {
        var options = lift.Options;
        Common(scope, lift, options);
        var type = scope.TypeScope.ResolveType(lift.TypeIndex);
        if (type.Definition is not FunctionType function)
        {
            return; // reported by the index rules
        }

        if (options.IsAsync && !function.IsAsync)
        {
            throw Fail(lift, "canonical option `async` may only be used with an `async` function type");
        }

        if (options.CallbackIndex is not null && !options.IsAsync)
        {
            throw Fail(lift, "canonical option `callback` requires the `async` option");
        }

        if (options.PostReturnIndex is not null && options.IsAsync)
        {
            throw Fail(lift, "canonical option `post-return` cannot be used with `async`");
        }

        var (parameters, results) = CanonSignatures.Flatten(type, facts);
        var parametersNeedMemory = function.Parameters.Any(p => facts.NeedsMemory(type.ResolveValueType(p.Type)));
        var resultNeedsMemory = function.Result is { } result && facts.NeedsMemory(type.ResolveValueType(result));
        var maxResults = options.IsAsync ? ValueTypeFacts.MaxFlatParams : ValueTypeFacts.MaxFlatResults;
        if (parametersNeedMemory || parameters.Count > ValueTypeFacts.MaxFlatParams)
        {
            RequireRealloc(lift, options);
        }

        if (resultNeedsMemory || results.Count > maxResults)
        {
            RequireMemory(lift, options);
        }

        var expected = CanonSignatures.Lift(type, options, facts);
        if (scope.Core.Function(lift.CoreFunctionIndex, lift) is { } actual && !Same(actual, expected))
        {
            throw Fail(lift,
                $"type mismatch: canon lift of core function {lift.CoreFunctionIndex} of type {actual.Describe()} as {function.Describe()}, which needs {expected.Describe()}");
        }

        if (options.PostReturnIndex is { } postReturn && scope.Core.Function(postReturn, lift) is { } post
            && !(post.Parameters.SequenceEqual(expected.Results) && post.Results.Count == 0))
        {
            throw Fail(lift,
                $"canonical option `post-return` uses a core function with an incorrect signature: {post.Describe()}, expected {new CoreFunctionType(expected.Results, []).Describe()}");
        }

        if (options.CallbackIndex is { } callback && scope.Core.Function(callback, lift) is { } back
            && !back.Parameters.SequenceEqual([CoreValueType.I32, CoreValueType.I32, CoreValueType.I32])
            && !back.Parameters.SequenceEqual([CoreValueType.I32]))
        {
            throw Fail(lift, $"canonical option `callback` uses a core function with an incorrect signature: {back.Describe()}, expected (func (param i32 i32 i32) (result i32))");
        }
    }

    private static void Lower(ValidationScope scope, CanonLowerItem lower, ValueTypeFacts facts)
    {
        var options = lower.Options;
        Common(scope, lower, options);
        if (options.PostReturnIndex is not null)
        {
            throw Fail(lower, "canonical option `post-return` cannot be specified for lowerings");
        }

        if (options.CallbackIndex is not null)
        {
            throw Fail(lower, "canonical option `callback` cannot be specified for lowerings");
        }

        var type = scope.TypeScope.ResolveFunctionType(lower.FunctionIndex);
        var function = (FunctionType)type.Definition!;
        if (options.IsAsync && !function.IsAsync)
        {
            throw Fail(lower, "canonical option `async` may only be used with an `async` function type");
        }

        var (parameters, results) = CanonSignatures.Flatten(type, facts);
        var parametersNeedMemory = function.Parameters.Any(p => facts.NeedsMemory(type.ResolveValueType(p.Type)));
        var resultNeedsMemory = function.Result is { } result && facts.NeedsMemory(type.ResolveValueType(result));
        var maxParameters = options.IsAsync ? ValueTypeFacts.MaxFlatAsyncParams : ValueTypeFacts.MaxFlatParams;
        if (parametersNeedMemory || parameters.Count > maxParameters
            || results.Count > (options.IsAsync ? 0 : ValueTypeFacts.MaxFlatResults))
        {
            RequireMemory(lower, options);
        }

        if (resultNeedsMemory)
        {
            RequireRealloc(lower, options);
        }
    }

    /// <summary>The rules every list of options obeys: <c>realloc</c> needs <c>memory</c>; both have the right types.</summary>
    internal static void Common(ValidationScope scope, CanonItem canon, CanonicalOptions options)
    {
        if (options.ReallocIndex is { } realloc)
        {
            if (options.MemoryIndex is null)
            {
                throw Fail(canon, "canonical option `realloc` requires `memory` to also be specified");
            }

            if (scope.Core.Function(realloc, canon) is { } signature && !Same(signature, Realloc))
            {
                throw Fail(canon, $"canonical option `realloc` uses a core function with an incorrect signature: {signature.Describe()}, expected {Realloc.Describe()}");
            }
        }

        if (options.MemoryIndex is { } memory)
        {
            Memory32(scope, canon, memory);
        }
    }

    internal static void Memory32(ValidationScope scope, CanonItem canon, uint memory)
    {
        if (scope.Core.Entity(Sort.CoreMemory, memory, canon) is { Type: CoreMemoryExternType { Limits.Is64: true } })
        {
            throw Fail(canon, $"canonical option `memory`: core memory {memory} is a 64-bit memory, but only 32-bit memories are supported by the canonical ABI");
        }
    }

    internal static void RequireMemory(CanonItem canon, CanonicalOptions options)
    {
        if (options.MemoryIndex is null)
        {
            throw Fail(canon, "canonical option `memory` is required (values pass through linear memory here)");
        }
    }

    internal static void RequireRealloc(CanonItem canon, CanonicalOptions options)
    {
        RequireMemory(canon, options);
        if (options.ReallocIndex is null)
        {
            throw Fail(canon, "canonical option `realloc` is required (the canonical ABI allocates values in the guest here)");
        }
    }

    private static void Local(ValidationScope scope, CanonItem canon, uint typeIndex, string name)
    {
        var resolved = scope.TypeScope.ResolveType(typeIndex);
        if (resolved.IsResource && !(resolved.Definition is ResourceType && ReferenceEquals(resolved.Scope, scope.TypeScope)))
        {
            throw Fail(canon, $"canon {name}: type index {typeIndex} is not a local resource (it is not defined by this component)");
        }
    }

    private static bool Same(CoreFunctionType a, CoreFunctionType b) =>
        a.Parameters.SequenceEqual(b.Parameters) && a.Results.SequenceEqual(b.Results);

    internal static ComponentFormatException Fail(CanonItem canon, string reason) => ComponentValidator.Invalid(reason, canon.Offset);
}
