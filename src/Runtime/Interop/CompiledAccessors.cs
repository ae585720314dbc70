using System.Linq.Expressions;
using Wasmtime;

namespace WitBindgen.Runtime.Interop;

/// <summary>
/// Compiled forms of the reflected members an instantiation uses for every core function it aliases
/// (<see cref="WasmtimeInternals"/>): reading a store's C context and making a managed <see cref="Function"/> for a
/// native one through reflection cost about a microsecond each (boxing, argument arrays, checks), several times per
/// instantiation. Compiled once per process; null when the package's members have other shapes, and then the callers
/// use reflection.
/// </summary>
internal static class CompiledAccessors
{
    /// <summary><c>Store.contextHandle</c>, read without boxing.</summary>
    public static readonly Func<Store, IntPtr>? StoreContext = Compile(() =>
    {
        var store = Expression.Parameter(typeof(Store));
        return Expression.Lambda<Func<Store, IntPtr>>(Expression.Field(store, WasmtimeInternals.StoreContext!), store);
    });

    /// <summary>The <see cref="Function"/> constructor from a store, a native function's store id and index, and its core type.</summary>
    public static readonly Func<Store, ulong, IntPtr, IReadOnlyList<ValueKind>, IReadOnlyList<ValueKind>, Function>? NewFunction = Compile(() =>
    {
        var store = Expression.Parameter(typeof(Store));
        var storeId = Expression.Parameter(typeof(ulong));
        var index = Expression.Parameter(typeof(IntPtr));
        var parameters = Expression.Parameter(typeof(IReadOnlyList<ValueKind>));
        var results = Expression.Parameter(typeof(IReadOnlyList<ValueKind>));
        var func = Expression.Variable(WasmtimeInternals.ExternFuncType!);
        var body = Expression.Block(
            [func],
            Expression.Assign(func, Expression.New(WasmtimeInternals.ExternFuncType!)),
            Expression.Assign(Expression.Field(func, WasmtimeInternals.ExternFuncStoreId!), storeId),
            Expression.Assign(Expression.Field(func, WasmtimeInternals.ExternFuncPrivate!), FromPointer(index, WasmtimeInternals.ExternFuncPrivate!.FieldType)),
            Expression.New(WasmtimeInternals.FunctionFromHandle!, store, func, parameters, results));
        return Expression.Lambda<Func<Store, ulong, IntPtr, IReadOnlyList<ValueKind>, IReadOnlyList<ValueKind>, Function>>(body, store, storeId, index, parameters, results);
    });

    /// <summary>A pointer-sized value as a field of type <paramref name="type"/> (IntPtr, UIntPtr, long or ulong).</summary>
    private static Expression FromPointer(Expression pointer, Type type)
    {
        if (type == typeof(IntPtr))
        {
            return pointer;
        }

        var asLong = Expression.Convert(pointer, typeof(long));
        return type == typeof(UIntPtr) ? Expression.Convert(Expression.Convert(asLong, typeof(ulong)), typeof(UIntPtr)) : Expression.Convert(asLong, type);
    }

    private static T? Compile<T>(Func<Expression<T>> build)
        where T : Delegate
    {
        try
        {
            return build().Compile();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NullReferenceException or NotSupportedException)
        {
            return null;
        }
    }
}
