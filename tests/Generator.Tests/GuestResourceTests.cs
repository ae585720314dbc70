using System.Reflection;
using WitBindgen.Generator.Tests.Guest;
using WitBindgen.Runtime.Abi;
using Xunit;

namespace WitBindgen.Generator.Tests;

/// <summary>
/// The resources of generated guest code, run natively and driven by the runtime's canonical ABI over an emulated
/// handle table (<see cref="EmulatedHandles"/>, which also answers the guest's <c>[resource-new]</c>,
/// <c>[resource-rep]</c> and <c>[resource-drop]</c> imports): the objects of a resource the component implements
/// are found again by representation, handed-back handles are dropped, the destructor runs <c>OnDrop</c> once the
/// host drops the last handle; the handles of a resource the host implements are moved, lent and dropped as the
/// component model says, and every borrow lent to an export is dropped before it returns.
/// </summary>
[Collection(nameof(GuestAbiTests))]
public class GuestResourceTests
{
    private const string Files = "test:guest-res/files";
    private const string Counters = "test:guest-res/counters";

    private static readonly AbiOwnType OwnFile = AbiType.Own("file");
    private static readonly AbiBorrowType BorrowFile = AbiType.Borrow("file");
    private static readonly AbiOwnType OwnCounter = AbiType.Own("counter");
    private static readonly AbiBorrowType BorrowCounter = AbiType.Borrow("counter");
    private static readonly AbiOwnType OwnBlob = AbiType.Own("blob");
    private static readonly AbiBorrowType BorrowBlob = AbiType.Borrow("blob");

    /// <summary>A resource the host implements.</summary>
    private sealed class HostFile(string path)
    {
        public string Path => path;

        public override string ToString() => "file " + path;
    }

    /// <summary>The world's own resource, which the host implements.</summary>
    private sealed class HostBlob(uint size)
    {
        public uint Size => size;
    }

    private sealed class Harness
    {
        private readonly Dictionary<string, (AbiFunctionType Type, Func<WitValue[], WitValue?> Body)> _functions = new(StringComparer.Ordinal);

        public Harness(string encoding)
        {
            Handles = new EmulatedHandles("counter");
            var result = GuestGeneration.Run(GuestGeneration.Resources, encoding);
            Assert.Null(result.Exception);
            Assert.Empty(result.Diagnostics);
            Host = GuestHost.LoadImplemented(result, encoding == "utf16", Dispatch, Handles, ResourceImplementations.Source);
            Handles.Destructor = (resource, rep) => Host.Call(Counters + "#[dtor]" + resource, (uint)rep);

            static HostFile File(WitValue v) => (HostFile)v.AsHandle();
            Define(Files + "#[constructor]file", new AbiType[] { AbiType.String }, OwnFile, a => WitValue.Handle(new HostFile(a[0].AsString())));
            Define(Files + "#[method]file.read", new AbiType[] { BorrowFile, AbiType.U32 }, AbiType.String, a => WitValue.String($"{File(a[0]).Path}:{a[1].AsU32()}"));
            Define(Files + "#[static]file.open", new AbiType[] { AbiType.String }, OwnFile, a => WitValue.Handle(new HostFile("opened " + a[0].AsString())));
            Define(Files + "#consume", new AbiType[] { OwnFile }, AbiType.U32, a =>
            {
                Consumed.Add(File(a[0]));
                return WitValue.U32((uint)File(a[0]).Path.Length);
            });
            Define(Files + "#peek", new AbiType[] { BorrowFile }, AbiType.U32, a => WitValue.U32(100 + (uint)File(a[0]).Path.Length));
            Define(Files + "#make", new AbiType[] { AbiType.String }, OwnFile, a => WitValue.Handle(new HostFile(a[0].AsString())));
            Define(Files + "#maybe", new AbiType[] { AbiType.Option(OwnFile) }, AbiType.Option(OwnFile), a => a[0]);
            Define("$root#[constructor]blob", new AbiType[] { AbiType.U32 }, OwnBlob, a => WitValue.Handle(new HostBlob(a[0].AsU32())));
            Define("$root#[method]blob.size", new AbiType[] { BorrowBlob }, AbiType.U32, a => WitValue.U32(((HostBlob)a[0].AsHandle()).Size));
        }

        public GuestHost Host { get; }

        public EmulatedHandles Handles { get; }

        public List<HostFile> Consumed { get; } = new();

        public List<string> Failures { get; } = new();

        private void Define(string name, AbiType[] parameters, AbiType? result, Func<WitValue[], WitValue?> body) =>
            _functions[name] = (new AbiFunctionType(parameters, result is null ? Array.Empty<AbiType>() : new[] { result }), body);

        private ulong Dispatch(string module, string name, ulong[] raw)
        {
            if (Handles.TryIntrinsic(module, name, raw, out var intrinsic))
            {
                return intrinsic;
            }

            if (!_functions.TryGetValue(module + "#" + name, out var f))
            {
                Failures.Add($"unexpected import {module}#{name}");
                return 0;
            }

            var flatResults = GuestCase.Flat(f.Type.Results);
            var types = f.Type.ParametersSpilled ? new List<CoreValueType> { CoreValueType.I32 } : GuestCase.Flat(f.Type.Parameters);
            if (flatResults.Count > 1)
            {
                types.Add(CoreValueType.I32);
            }

            if (raw.Length != types.Count)
            {
                Failures.Add($"{module}#{name}: {raw.Length} core arguments, expected {types.Count}");
                return 0;
            }

            var core = raw.Select((r, i) => GuestCase.FromRaw(r, types[i])).ToArray();
            var arguments = CanonicalAbi.LiftImportArguments(Host.Context, f.Type, core);
            var value = f.Body(arguments);
            var results = new RawValue[1];
            var written = CanonicalAbi.LowerImportResults(Host.Context, f.Type, value is null ? Array.Empty<WitValue>() : new[] { value }, core, results);
            return written == 1 ? GuestCase.ToRaw(results[0], flatResults[0]) : 0;
        }

        /// <summary>Calls an export as a host does; checks every borrow lent to it was dropped before it returned.</summary>
        public WitValue? Export(string entry, AbiType[] parameters, AbiType? result, params WitValue[] arguments)
        {
            var function = new AbiFunctionType(parameters, result is null ? Array.Empty<AbiType>() : new[] { result });
            var flat = GuestCase.Flat(parameters);
            var core = new RawValue[Math.Max(1, flat.Count)];
            var count = CanonicalAbi.LowerExportArguments(Host.Context, function, arguments, core);
            var types = function.ParametersSpilled ? new List<CoreValueType> { CoreValueType.I32 } : flat;
            var returned = Host.Call(entry, core.Take(count).Select((v, i) => GuestCase.ToRaw(v, types[i])).ToArray());
            if (Handles.Borrows != 0)
            {
                Failures.Add($"{entry}: {Handles.Borrows} borrowed handles not dropped when it returned");
            }

            if (result is null)
            {
                return null;
            }

            var flatResult = GuestCase.Flat(new[] { result });
            var spilled = flatResult.Count > 1;
            var lifted = CanonicalAbi.LiftExportResults(Host.Context, function, new[] { GuestCase.FromRaw(returned, spilled ? CoreValueType.I32 : flatResult[0]) });
            if (spilled)
            {
                Host.Call("cabi_post_" + entry, returned);
            }

            return lifted[0];
        }

        public T Probe<T>(string property) => (T)Host.Assembly.GetType("Harness.Probe")!.GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        public void AssertClean()
        {
            Failures.AddRange(Handles.Errors);
            Failures.AddRange(Host.Heap.Errors);
            if (Host.Heap.Live != 0 || Host.Owned != 0)
            {
                Failures.Add($"{Host.Heap.Live} blocks live, {Host.Owned} owned");
            }

            Assert.True(Failures.Count == 0, string.Join("\n", Failures));
        }
    }

    private static EmulatedHandles.GuestObject Object(WitValue? value) => Assert.IsType<EmulatedHandles.GuestObject>(value!.AsHandle());

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void Objects_of_an_exported_resource_are_found_by_representation_and_dropped_with_their_last_handle(string encoding)
    {
        var h = new Harness(encoding);
        uint Get(EmulatedHandles.GuestObject c) => h.Export(Counters + "#[method]counter.get", new AbiType[] { BorrowCounter }, AbiType.U32, WitValue.Handle(c))!.AsU32();

        var first = Object(h.Export(Counters + "#[constructor]counter", new AbiType[] { AbiType.U32 }, OwnCounter, WitValue.U32(5)));
        Assert.Equal(0, h.Handles.Count); // the new handle moved to the host
        Assert.Equal(1, h.Probe<int>("Objects"));
        Assert.Equal(5u, Get(first));

        var second = Object(h.Export(Counters + "#[static]counter.make", new AbiType[] { AbiType.U32 }, OwnCounter, WitValue.U32(7)));
        Assert.NotEqual(first.Rep, second.Rep);
        Assert.Equal(70u, Get(second));

        h.Export(Counters + "#[method]counter.add", new AbiType[] { BorrowCounter, BorrowCounter }, null, WitValue.Handle(first), WitValue.Handle(second));
        Assert.Equal(75u, Get(first));
        Assert.Equal(70u, Get(second));

        // own<counter> handed back: the guest reads its representation, drops the handle (the destructor runs, but not OnDrop) and keeps the object.
        var taken = h.Export(Counters + "#[method]counter.take", new AbiType[] { BorrowCounter, OwnCounter }, AbiType.U32, WitValue.Handle(first), WitValue.Handle(second));
        Assert.Equal(70u, taken!.AsU32());
        Assert.Equal(145u, Get(first));
        Assert.Equal(new[] { $"[export]{Counters}#[resource-rep]counter(3)", $"[export]{Counters}#[resource-drop]counter(3)" }, h.Handles.Intrinsics.Skip(2));
        Assert.Equal(0, h.Probe<int>("Drops"));
        Assert.Equal(1, h.Probe<int>("Objects"));
        Assert.Equal(0, h.Handles.Count);

        // The host drops its last handle: the destructor runs OnDrop and the object leaves the table.
        h.Host.Call(Counters + "#[dtor]counter", (uint)first.Rep);
        Assert.Equal(1, h.Probe<int>("Drops"));
        Assert.Equal(145u, h.Probe<uint>("LastDropped"));
        Assert.Equal(0, h.Probe<int>("Objects"));

        // Handles in a result returned through memory, and a list of borrows.
        var pair = h.Export(Counters + "#pair", new AbiType[] { AbiType.U32, AbiType.U32 }, AbiType.Tuple(OwnCounter, OwnCounter), WitValue.U32(1), WitValue.U32(2))!;
        var (a, b) = (Object(pair.Items[0]), Object(pair.Items[1]));
        Assert.Equal(2, h.Probe<int>("Objects"));
        Assert.Equal((1u, 2u), (Get(a), Get(b)));
        var sum = h.Export(Counters + "#sum", new AbiType[] { AbiType.List(BorrowCounter) }, AbiType.U32, WitValue.List(WitValue.Handle(a), WitValue.Handle(b), WitValue.Handle(a)));
        Assert.Equal(4u, sum!.AsU32());

        h.Host.Call(Counters + "#[dtor]counter", (uint)a.Rep);
        h.Host.Call(Counters + "#[dtor]counter", (uint)b.Rep);
        Assert.Equal(3, h.Probe<int>("Drops"));
        Assert.Equal(2u, h.Probe<uint>("LastDropped"));
        Assert.Equal(0, h.Probe<int>("Objects"));
        h.AssertClean();
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void Handles_of_an_imported_resource_passed_to_exports_are_lent_kept_and_moved(string encoding)
    {
        var h = new Harness(encoding);
        var file = new HostFile("a.txt");

        // A borrow lent to the export: the guest uses it, and drops it before returning (Export checks).
        var read = h.Export(Counters + "#read-file", new AbiType[] { BorrowFile, AbiType.U32 }, AbiType.String, WitValue.Handle(file), WitValue.U32(3));
        Assert.Equal("borrowed a.txt:3", read!.AsString());
        Assert.Equal(0, h.Handles.Count);
        Assert.Empty(h.Handles.Dropped);

        // An owned handle the guest keeps, then returns: it moves back to the host, and the guest's object is disposed.
        var kept = new HostFile("kept");
        h.Export(Counters + "#keep-file", new AbiType[] { OwnFile }, null, WitValue.Handle(kept));
        Assert.Equal(1, h.Handles.Count);
        var given = h.Export(Counters + "#give-file", Array.Empty<AbiType>(), OwnFile);
        Assert.Same(kept, given!.AsHandle());
        Assert.Equal(0, h.Handles.Count);
        Assert.True(h.Probe<bool>("KeptDisposed"));

        // Spilled parameters holding a borrow of each kind.
        var counter = Object(h.Export(Counters + "#[constructor]counter", new AbiType[] { AbiType.U32 }, OwnCounter, WitValue.U32(40)));
        var strings = "cdefghij".Select(c => WitValue.String(new string(c, 2)));
        var spill = h.Export(
            Counters + "#spill",
            new AbiType[] { BorrowFile, BorrowCounter }.Concat(Enumerable.Repeat<AbiType>(AbiType.String, 8)).ToArray(),
            AbiType.U32,
            new[] { WitValue.Handle(file), WitValue.Handle(counter) }.Concat(strings).ToArray());
        Assert.Equal((uint)("a.txt:1".Length + 16 + 40), spill!.AsU32());

        // The world's own resource.
        var blob = new HostBlob(42);
        Assert.Equal(1042u, h.Export("blob-size", new AbiType[] { BorrowBlob }, AbiType.U32, WitValue.Handle(blob))!.AsU32());
        var made = h.Export("new-blob", new AbiType[] { AbiType.U32 }, OwnBlob, WitValue.U32(9));
        Assert.Equal(9u, Assert.IsType<HostBlob>(made!.AsHandle()).Size);
        Assert.Equal(0, h.Handles.Count);
        Assert.Empty(h.Handles.Dropped);
        h.Host.Call(Counters + "#[dtor]counter", (uint)counter.Rep);
        h.AssertClean();
    }

    [Theory]
    [InlineData("utf8")]
    [InlineData("utf16")]
    public void Imported_resources_are_handles_that_move_lend_and_drop(string encoding)
    {
        var h = new Harness(encoding);
        var log = (string)h.Host.Invoke("Harness.Probe", "CallImports", Array.Empty<object?>())!;
        Assert.Equal("p:2;108;8;True;True;made:1;True;disposed;", log);
        Assert.Equal(new[] { "opened q" }, h.Consumed.Select(f => f.Path));
        Assert.Equal(new[] { "made", "p" }, h.Handles.Dropped.Cast<HostFile>().Select(f => f.Path));
        Assert.Equal(0, h.Handles.Count);
        h.AssertClean();
    }
}
