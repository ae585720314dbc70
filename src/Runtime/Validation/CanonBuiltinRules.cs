using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The canonical built-ins other than lift, lower and the resource built-ins (CanonicalABI.md, one section each):
/// which options each accepts and needs, and the core types and tables their immediates name.
/// <list type="bullet">
/// <item><c>task.return</c> takes only <c>memory</c> and <c>string-encoding</c>, and needs <c>memory</c> when its
/// result passes through memory;</item>
/// <item><c>stream.read</c>/<c>write</c> and <c>future.read</c>/<c>write</c> of a type with a payload need
/// <c>memory</c> (and a read of lists or strings <c>realloc</c>); they alone may be <c>async</c>;</item>
/// <item><c>error-context.new</c> needs <c>memory</c>, <c>error-context.debug-message</c> also <c>realloc</c>;</item>
/// <item><c>context.get</c>/<c>set</c> use <c>i32</c> and slot 0 or 1;</item>
/// <item><c>thread.new-indirect</c> names a core type <c>(func (param i32))</c> and a table of functions.</item>
/// </list>
/// No built-in takes <c>post-return</c> or <c>callback</c>.
/// </summary>
internal static class CanonBuiltinRules
{
    /// <summary>The number of context slots of a thread.</summary>
    private const uint ContextSlots = 2;

    /// <summary>Checks one built-in of <paramref name="scope"/>.</summary>
    /// <exception cref="ComponentFormatException">The built-in breaks one of the rules.</exception>
    public static void Check(ValidationScope scope, CanonBuiltinItem builtin, ValueTypeFacts facts)
    {
        var name = builtin.Kind.ToText();
        if (builtin.MemoryIndex is { } memory)
        {
            CanonRules.Memory32(scope, builtin, memory);
        }

        switch (builtin.Kind)
        {
            case CanonBuiltinKind.ContextGet or CanonBuiltinKind.ContextSet:
                if (builtin.ValueType != CoreValueType.I32)
                {
                    throw CanonRules.Fail(builtin, $"canon {name}: the context type must be `i32`, not `{builtin.ValueType}`");
                }

                if (builtin.Slot >= ContextSlots)
                {
                    throw CanonRules.Fail(builtin, $"canon {name}: context slot {builtin.Slot} does not exist (a thread has {ContextSlots})");
                }

                break;
            case CanonBuiltinKind.ThreadNewIndirect:
                ThreadNewIndirect(scope, builtin, name);
                break;
        }

        if (builtin.Options is { } options)
        {
            Options(scope, builtin, options, facts, name);
        }
    }

    private static void Options(ValidationScope scope, CanonBuiltinItem builtin, CanonicalOptions options, ValueTypeFacts facts, string name)
    {
        CanonRules.Common(scope, builtin, options);
        if (options.PostReturnIndex is not null)
        {
            throw CanonRules.Fail(builtin, $"canonical option `post-return` cannot be specified for `{name}`");
        }

        if (options.CallbackIndex is not null)
        {
            throw CanonRules.Fail(builtin, $"canonical option `callback` cannot be specified for `{name}`");
        }

        var copies = builtin.Kind is CanonBuiltinKind.StreamRead or CanonBuiltinKind.StreamWrite
            or CanonBuiltinKind.FutureRead or CanonBuiltinKind.FutureWrite;
        if (options.IsAsync && !copies)
        {
            throw CanonRules.Fail(builtin, $"cannot specify `async` option on `{name}`");
        }

        switch (builtin.Kind)
        {
            case CanonBuiltinKind.TaskReturn:
                if (options.ReallocIndex is not null)
                {
                    throw CanonRules.Fail(builtin, "canonical option `realloc` cannot be specified for `task.return` (only `memory` and `string-encoding`)");
                }

                if (builtin.Result is { } result)
                {
                    var resolved = scope.TypeScope.ResolveValueType(result);
                    if (facts.NeedsMemory(resolved) || facts.Flatten(resolved).Count > ValueTypeFacts.MaxFlatParams)
                    {
                        CanonRules.RequireMemory(builtin, options);
                    }
                }

                break;
            case CanonBuiltinKind.ErrorContextNew:
                CanonRules.RequireMemory(builtin, options);
                break;
            case CanonBuiltinKind.ErrorContextDebugMessage:
                CanonRules.RequireRealloc(builtin, options);
                break;
            case var _ when copies && builtin.TypeIndex is { } typeIndex:
                var payload = scope.TypeScope.ResolveType(typeIndex).Definition switch
                {
                    StreamType s => s.Element,
                    FutureType f => f.Element,
                    _ => null,
                };
                if (payload is { } element)
                {
                    CanonRules.RequireMemory(builtin, options);
                    var reads = builtin.Kind is CanonBuiltinKind.StreamRead or CanonBuiltinKind.FutureRead;
                    if (reads && facts.NeedsMemory(scope.TypeScope.ResolveValueType(element)))
                    {
                        CanonRules.RequireRealloc(builtin, options);
                    }
                }

                break;
        }
    }

    private static void ThreadNewIndirect(ValidationScope scope, CanonBuiltinItem builtin, string name)
    {
        if (builtin.CoreTypeIndex is { } typeIndex && scope.Core.Type(typeIndex, builtin) is { SubType.Type: CoreFunctionType f }
            && !(f.Parameters.SequenceEqual([CoreValueType.I32]) && f.Results.Count == 0))
        {
            throw CanonRules.Fail(builtin, $"canon {name}: core type {typeIndex} is {f.Describe()}, but a thread's function has type (func (param i32))");
        }

        if (builtin.TableIndex is { } table
            && scope.Core.Entity(Sort.CoreTable, table, builtin) is { Type: CoreTableExternType { Element.HeapType.Abstract: { } heap } }
            && heap != CoreAbstractHeapType.Func)
        {
            throw CanonRules.Fail(builtin, $"canon {name}: core table {table} does not hold functions");
        }
    }
}
