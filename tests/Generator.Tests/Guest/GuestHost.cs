using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WitBindgen.Runtime.Abi;

namespace WitBindgen.Generator.Tests.Guest;

/// <summary>
/// Runs generated guest bindings natively: compiles them (with <c>WITBINDGEN_GUEST_NATIVE</c>) together with export
/// implementations that record their arguments and return a value the test chose, and a driver that calls every
/// <c>[UnmanagedCallersOnly]</c> entry point through a function pointer; loads the assembly; points its
/// <c>GuestMemory</c> at an <see cref="EmulatedHeap"/> and its imports at a handler; and drives it with the
/// runtime's canonical ABI as a host would.
/// </summary>
public sealed class GuestHost : IGuestMemory
{
    private readonly Type _driver;

    private GuestHost(Assembly assembly, Func<string, string, ulong[], ulong> imports, bool utf16, IResourceHandles? resources)
    {
        Assembly = assembly;
        _driver = assembly.GetType("Harness.Driver")!;
        Heap = new EmulatedHeap(1 << 20);
        _driver.GetMethod("Setup")!.Invoke(null, new object[] { Heap.Base, new Func<uint, uint, uint, uint, uint>(Heap.Realloc), new Action<uint>(Heap.Free), imports });
        Context = new AbiContext
        {
            Memory = this,
            Realloc = (p, o, a, n) => (uint)Call("cabi_realloc", p, o, a, n),
            StringEncoding = utf16 ? StringEncoding.Utf16 : StringEncoding.Utf8,
            Resources = resources,
        };
    }

    /// <summary>The loaded guest assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The guest's heap.</summary>
    public EmulatedHeap Heap { get; }

    /// <summary>The host's canonical options over the guest: its memory, its <c>cabi_realloc</c>, the string encoding.</summary>
    public AbiContext Context { get; }

    /// <summary>The blocks the bindings allocated and have not freed yet (import arguments, export results before post-return).</summary>
    public int Owned => (int)_driver.GetProperty("Owned")!.GetValue(null)!;

    /// <summary>The arguments the last export implementation was called with.</summary>
    public object?[]? Received => (object?[]?)_driver.GetField("Received")!.GetValue(null);

    /// <summary>The value the next export implementation returns.</summary>
    public void SetResult(object? value) => _driver.GetField("Result")!.SetValue(null, value);

    /// <inheritdoc />
    public Span<byte> GetSpan() => Heap.Memory;

    /// <summary>Calls a core export with raw core values (<c>i32</c> zero-extended, floats as their bits); returns its raw result (0 for none).</summary>
    public ulong Call(string entry, params ulong[] arguments) => (ulong)_driver.GetMethod("Call")!.Invoke(null, new object[] { entry, arguments })!;

    /// <summary>True when the guest exports <paramref name="entry"/>.</summary>
    public bool Exports(string entry) => (bool)_driver.GetMethod("Exports")!.Invoke(null, new object[] { entry })!;

    /// <summary>The value of a static field of the test source (expected values).</summary>
    public object? Field(string type, string name) => Assembly.GetType(type)!.GetField(name)!.GetValue(null);

    /// <summary>Calls a public static method of the guest assembly (an import wrapper).</summary>
    public object? Invoke(string type, string method, object?[] arguments)
    {
        try
        {
            return Assembly.GetType(type)!.GetMethod(method)!.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Compiles and loads <paramref name="result"/>'s sources with <paramref name="extra"/>, the export implementations and the driver.</summary>
    public static GuestHost Load(GeneratorRunResult result, bool utf16, Func<string, string, ulong[], ulong> imports, params string[] extra) =>
        LoadImplemented(result, utf16, imports, null, GuestGeneration.Implementations(result, Implementation), extra);

    /// <summary>
    /// Compiles and loads <paramref name="result"/>'s sources with the given export <paramref name="implementations"/>,
    /// <paramref name="extra"/> and the driver; the host's context converts handles with <paramref name="resources"/>.
    /// </summary>
    public static GuestHost LoadImplemented(GeneratorRunResult result, bool utf16, Func<string, string, ulong[], ulong> imports, IResourceHandles? resources, string implementations, params string[] extra)
    {
        var driver = Driver(result);
        var compilation = GuestGeneration.Compile(result, native: true, unsafeCode: true, extra.Append(implementations).Append(driver).ToArray());
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("the guest does not compile:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext("guest" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new GuestHost(context.LoadFromStream(stream), imports, utf16, resources);
    }

    /// <summary>An export implementation: records the arguments, returns the chosen result.</summary>
    private static string Implementation(MethodDeclarationSyntax method)
    {
        var args = "new object?[] { " + string.Join(", ", method.ParameterList.Parameters.Select(p => p.Identifier.Text)) + " }";
        return method.ReturnType.ToString() == "void" ? $"global::Harness.Driver.Record({args})" : $"global::Harness.Driver.Record<{method.ReturnType}>({args})";
    }

    /// <summary>The driver source: setup, and a call of every entry point through a typed function pointer.</summary>
    private static string Driver(GeneratorRunResult result)
    {
        var cases = new System.Text.StringBuilder();
        var names = new List<string>();
        foreach (var tree in result.GeneratedSources.Select(s => CSharpSyntaxTree.ParseText(s.SourceText)))
        {
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var attribute = method.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString().EndsWith("UnmanagedCallersOnly", StringComparison.Ordinal));
                if (attribute is null)
                {
                    continue;
                }

                var entry = attribute.ArgumentList!.Arguments[0].Expression.ToString();
                var type = (ClassDeclarationSyntax)method.Parent!;
                var ns = type.Ancestors().OfType<NamespaceDeclarationSyntax>().First().Name.ToString();
                var parameters = method.ParameterList.Parameters.Select(p => p.Type!.ToString()).ToList();
                var returns = method.ReturnType.ToString();
                var pointer = $"(delegate* unmanaged<{string.Join(", ", parameters.Append(returns))}>)&global::{ns}.{type.Identifier.Text}.{method.Identifier.Text}";
                var args = string.Join(", ", parameters.Select((t, k) => $"{FromRaw(t)}(a[{k}])"));
                names.Add(entry);
                cases.Append($"            case {entry}: {{ var f = {pointer}; ");
                cases.Append(returns == "void" ? $"f({args}); return 0; }}\n" : $"return {ToRaw(returns)}(f({args})); }}\n");
            }
        }

        return $$"""
            #nullable enable
            namespace Harness
            {
                public static unsafe class Driver
                {
                    public static object?[]? Received;
                    public static object? Result;

                    public static T Record<T>(object?[] arguments) { Received = arguments; return (T)Result!; }
                    public static void Record(object?[] arguments) { Received = arguments; }

                    public static int Owned => global::WitBindgen.Guest.GuestMemory.Mark;

                    public static void Setup(nint memoryBase, global::System.Func<uint, uint, uint, uint, uint> realloc, global::System.Action<uint> free, global::System.Func<string, string, ulong[], ulong> imports)
                    {
                        global::WitBindgen.Guest.GuestMemory.Base = memoryBase;
                        global::WitBindgen.Guest.GuestMemory.Heap = new Heap(realloc, free);
                        global::WitBindgen.Guest.GuestMemory.Imports = new Imports(imports);
                    }

                    public static bool Exports(string entry) => entry is {{string.Join(" or ", names)}};

                    public static ulong Call(string entry, ulong[] a)
                    {
                        switch (entry)
                        {
            {{cases}}
                            default: throw new global::System.ArgumentException("no export " + entry);
                        }
                    }

                    private static ulong I32(int v) => global::WitBindgen.Guest.Flat.FromI32(v);
                    private static ulong U32(uint v) => v;
                    private static ulong I64(long v) => global::WitBindgen.Guest.Flat.FromI64(v);
                    private static ulong F32(float v) => global::WitBindgen.Guest.Flat.FromF32(v);
                    private static ulong F64(double v) => global::WitBindgen.Guest.Flat.FromF64(v);
                    private static int ToI32(ulong v) => global::WitBindgen.Guest.Flat.I32(v);
                    private static uint ToU32(ulong v) => (uint)v;
                    private static long ToI64(ulong v) => global::WitBindgen.Guest.Flat.I64(v);
                    private static float ToF32(ulong v) => global::WitBindgen.Guest.Flat.F32(v);
                    private static double ToF64(ulong v) => global::WitBindgen.Guest.Flat.F64(v);

                    private sealed class Heap(global::System.Func<uint, uint, uint, uint, uint> realloc, global::System.Action<uint> free) : global::WitBindgen.Guest.IGuestHeap
                    {
                        public uint Realloc(uint pointer, uint oldSize, uint alignment, uint newSize) => realloc(pointer, oldSize, alignment, newSize);
                        public void Free(uint pointer) => free(pointer);
                    }

                    private sealed class Imports(global::System.Func<string, string, ulong[], ulong> call) : global::WitBindgen.Guest.IGuestImports
                    {
                        public ulong Call(string module, string name, global::System.ReadOnlySpan<ulong> arguments) => call(module, name, arguments.ToArray());
                    }
                }
            }
            """;

        static string FromRaw(string type) => type switch { "int" => "ToI32", "uint" => "ToU32", "long" => "ToI64", "float" => "ToF32", _ => "ToF64" };
        static string ToRaw(string type) => type switch { "int" => "I32", "uint" => "U32", "long" => "I64", "float" => "F32", _ => "F64" };
    }
}
