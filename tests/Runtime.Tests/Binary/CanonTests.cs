using WitBindgen.Runtime.Binary;
using Xunit;
using static WitBindgen.Runtime.Tests.Binary.TestComponents;

namespace WitBindgen.Runtime.Tests.Binary;

public class CanonTests
{
    private const string Memory = """
          (core module $m
            (memory (export "memory") 1)
            (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable)
            (func (export "post") (param i32))
            (func (export "f") (param i32 i32) (result i32) unreachable)
            (func (export "cb") (param i32 i32 i32) (result i32) unreachable)
          )
          (core instance $i (instantiate $m))
          (alias core export $i "memory" (core memory $mem))
          (alias core export $i "realloc" (core func $realloc))
          (alias core export $i "post" (core func $post))
          (alias core export $i "f" (core func $f))
          (alias core export $i "cb" (core func $cb))
        """;

    [Fact]
    public void Reads_lift_and_lower_with_every_option()
    {
        var component = Read($$"""
            (component
              {{Memory}}
              (type $ft (func (param "s" string) (result string)))
              (func $plain (type $ft) (canon lift (core func $f) (memory $mem) (realloc $realloc)))
              (func $utf16 (type $ft) (canon lift (core func $f) string-encoding=utf16 (memory $mem) (realloc $realloc) (post-return $post)))
              (func $latin1 (type $ft) (canon lift (core func $f) string-encoding=latin1+utf16 (memory $mem) (realloc $realloc)))
              (func $utf8 (type $ft) (canon lift (core func $f) string-encoding=utf8 (memory $mem) (realloc $realloc)))
              (core func $lowered (canon lower (func $utf16) (memory $mem) (realloc $realloc) string-encoding=utf16))
              (core func $bare (canon lower (func $plain)))
            )
            """);
        var lifts = component.Items.OfType<CanonLiftItem>().ToList();
        Assert.Equal(4, lifts.Count);
        Assert.All(lifts, l => Assert.Equal(2u, l.CoreFunctionIndex));
        Assert.All(lifts, l => Assert.Equal(0u, l.TypeIndex));
        Assert.Equal(new CanonicalOptions { MemoryIndex = 0, ReallocIndex = 0 }, lifts[0].Options);
        Assert.Equal(
            new CanonicalOptions { StringEncoding = StringEncoding.Utf16, MemoryIndex = 0, ReallocIndex = 0, PostReturnIndex = 1 },
            lifts[1].Options);
        Assert.Equal(StringEncoding.Latin1Utf16, lifts[2].Options.StringEncoding);
        Assert.Null(lifts[2].Options.PostReturnIndex);
        Assert.Equal(StringEncoding.Utf8, lifts[3].Options.StringEncoding);

        var lowers = component.Items.OfType<CanonLowerItem>().ToList();
        Assert.Equal(1u, lowers[0].FunctionIndex);
        Assert.Equal(new CanonicalOptions { StringEncoding = StringEncoding.Utf16, MemoryIndex = 0, ReallocIndex = 0 }, lowers[0].Options);
        Assert.Equal(0u, lowers[1].FunctionIndex);
        Assert.Same(CanonicalOptions.None, lowers[1].Options);
        Assert.Equal(CanonicalOptions.None, lowers[1].Options);

        // Lifts add component functions; lowers add core functions after the four aliased ones.
        Assert.Equal(lifts, component.IndexSpaces.Functions.Select(e => e.Source));
        Assert.Equal(6, component.IndexSpaces.CoreFunctions.Count);
        Assert.Same(lowers[0], component.IndexSpaces.CoreFunctions[4].Source);
        Assert.Equal("canon lower of func 1", component.IndexSpaces.CoreFunctions[4].Describe());
        Assert.Equal("canon lift of core func 2 as type 0", component.IndexSpaces.Functions[0].Describe());
    }

    [Fact]
    public void Reads_async_and_callback_options()
    {
        var component = Read($$"""
            (component
              {{Memory}}
              (type $ft (func async (param "x" u32)))
              (func (type $ft) (canon lift (core func $f) async (callback $cb)))
              (import "g" (func $g (param "x" u32)))
              (core func (canon lower (func $g) async (memory $mem)))
            )
            """);
        var lift = Assert.Single(component.Items.OfType<CanonLiftItem>());
        Assert.True(lift.Options.IsAsync);
        Assert.Equal(3u, lift.Options.CallbackIndex);
        var lower = Assert.Single(component.Items.OfType<CanonLowerItem>());
        Assert.True(lower.Options.IsAsync);
        Assert.Equal(0u, lower.Options.MemoryIndex);
    }

    [Fact]
    public void Reads_resource_built_ins_and_destructors()
    {
        var component = Read("""
            (component
              (core module $m (func (export "dtor") (param i32)))
              (core instance $i (instantiate $m))
              (type $r (resource (rep i32) (dtor (core func $i "dtor"))))
              (core func $new (canon resource.new $r))
              (core func $drop (canon resource.drop $r))
              (core func $rep (canon resource.rep $r))
            )
            """);
        Assert.Equal(new ResourceType(CoreValueType.I32, 0), component.Items.OfType<TypeItem>().Single().Type);
        var canons = component.Items.OfType<CanonItem>().ToList();
        Assert.Equal(new CanonResourceNewItem(0) { Offset = canons[0].Offset }, canons[0]);
        Assert.Equal(new CanonResourceDropItem(0) { Offset = canons[1].Offset }, canons[1]);
        Assert.Equal(new CanonResourceRepItem(0) { Offset = canons[2].Offset }, canons[2]);
        Assert.Equal(
            ["alias core export of core instance 0 named \"dtor\" (core func)", "canon resource.new of type 0",
             "canon resource.drop of type 0", "canon resource.rep of type 0"],
            component.IndexSpaces.CoreFunctions.Select(e => e.Describe()));
    }

    [Fact]
    public void Reads_every_async_task_stream_future_and_error_context_built_in()
    {
        var component = Read($$"""
            (component
              {{Memory}}
              (type $s (stream u8))
              (type $fu (future))
              (core func (canon backpressure.inc))
              (core func (canon backpressure.dec))
              (core func (canon task.return (result u32) (memory $mem) string-encoding=utf16))
              (core func (canon task.cancel))
              (core func (canon context.get i32 1))
              (core func (canon context.set i32 0))
              (core func (canon subtask.cancel async))
              (core func (canon subtask.drop))
              (core func (canon stream.new $s))
              (core func (canon stream.read $s (memory $mem) async))
              (core func (canon stream.write $s (memory $mem)))
              (core func (canon stream.cancel-read $s async))
              (core func (canon stream.cancel-write $s))
              (core func (canon stream.drop-readable $s))
              (core func (canon stream.drop-writable $s))
              (core func (canon future.new $fu))
              (core func (canon future.read $fu (memory $mem)))
              (core func (canon future.write $fu (memory $mem)))
              (core func (canon future.cancel-read $fu))
              (core func (canon future.cancel-write $fu async))
              (core func (canon future.drop-readable $fu))
              (core func (canon future.drop-writable $fu))
              (core func (canon error-context.new (memory $mem)))
              (core func (canon error-context.debug-message (memory $mem) (realloc $realloc)))
              (core func (canon error-context.drop))
              (core func (canon waitable-set.new))
              (core func (canon waitable-set.wait (memory $mem)))
              (core func (canon waitable-set.poll (memory $mem)))
              (core func (canon waitable-set.drop))
              (core func (canon waitable.join))
              (core func (canon thread.yield))
              (core func (canon stream.forward $s))
              (core func (canon future.forward $fu))
            )
            """);
        var builtins = component.Items.OfType<CanonBuiltinItem>().ToList();
        Assert.Equal(
            ["backpressure.inc", "backpressure.dec", "task.return", "task.cancel", "context.get", "context.set",
             "subtask.cancel", "subtask.drop", "stream.new", "stream.read", "stream.write", "stream.cancel-read",
             "stream.cancel-write", "stream.drop-readable", "stream.drop-writable", "future.new", "future.read",
             "future.write", "future.cancel-read", "future.cancel-write", "future.drop-readable", "future.drop-writable",
             "error-context.new", "error-context.debug-message", "error-context.drop", "waitable-set.new",
             "waitable-set.wait", "waitable-set.poll", "waitable-set.drop", "waitable.join", "thread.yield",
             "stream.forward", "future.forward"],
            builtins.Select(b => b.Name));

        var taskReturn = builtins[2];
        Assert.Equal(ValueTypeReference.FromPrimitive(PrimitiveType.U32), taskReturn.Result);
        Assert.Equal(new CanonicalOptions { MemoryIndex = 0, StringEncoding = StringEncoding.Utf16 }, taskReturn.Options);
        Assert.Equal((CoreValueType.I32, 1u), (builtins[4].ValueType!.Value, builtins[4].Slot!.Value));
        Assert.True(builtins[6].IsAsync);
        Assert.Equal(0u, builtins[8].TypeIndex);
        Assert.True(builtins[9].IsAsync || builtins[9].Options!.IsAsync);
        Assert.Equal(0u, builtins[10].Options!.MemoryIndex);
        Assert.True(builtins[11].IsAsync);
        Assert.False(builtins[12].IsAsync);
        Assert.Equal(1u, builtins[15].TypeIndex);
        Assert.True(builtins[19].IsAsync);
        Assert.Equal(0u, builtins[23].Options!.ReallocIndex);
        Assert.Equal(0u, builtins[26].MemoryIndex);
        Assert.False(builtins[26].IsCancellable);
        Assert.Equal("canon stream.read of type 0", builtins[9].Describe());

        // Every built-in adds one core function, after the four aliased ones.
        Assert.Equal(4 + builtins.Count, component.IndexSpaces.CoreFunctions.Count);
        Assert.Equal(builtins, component.IndexSpaces.CoreFunctions.Skip(4).Select(e => e.Source));
    }

    [Fact]
    public void Reads_every_thread_built_in()
    {
        var component = Read("""
            (component
              (core type $ft (func (param i32)))
              (core module $m (table (export "t") 1 funcref))
              (core instance $i (instantiate $m))
              (alias core export $i "t" (core table $t))
              (core func (canon thread.index))
              (core func (canon thread.new-indirect $ft (core table $t)))
              (core func (canon thread.resume-later))
              (core func (canon thread.suspend))
              (core func (canon thread.suspend-then-resume))
              (core func (canon thread.yield-then-resume))
              (core func (canon thread.suspend-then-promote))
              (core func (canon thread.yield-then-promote))
            )
            """);
        var builtins = component.Items.OfType<CanonBuiltinItem>().ToList();
        Assert.Equal(
            [CanonBuiltinKind.ThreadIndex, CanonBuiltinKind.ThreadNewIndirect, CanonBuiltinKind.ThreadResumeLater,
             CanonBuiltinKind.ThreadSuspend, CanonBuiltinKind.ThreadSuspendThenResume, CanonBuiltinKind.ThreadYieldThenResume,
             CanonBuiltinKind.ThreadSuspendThenPromote, CanonBuiltinKind.ThreadYieldThenPromote],
            builtins.Select(b => b.Kind));
        Assert.Equal((0u, 0u), (builtins[1].CoreTypeIndex!.Value, builtins[1].TableIndex!.Value));
        Assert.All(builtins.Skip(3), b => Assert.False(b.IsCancellable));
        Assert.Equal(8, component.IndexSpaces.CoreFunctions.Count);
    }

    [Fact]
    public void Reads_shared_thread_built_ins_as_Binary_md_encodes_them()
    {
        // The bundled text parser encodes these without the shared? byte that Binary.md gives them,
        // so they are built by hand: spawn-ref shared ft=3, spawn-indirect ft=1 tbl=2, available-parallelism shared,
        // and the cancellable immediate of thread.suspend and thread.yield.
        var component = ComponentReader.Read(Build(Section(8,
            [0x40, 0x01, 0x03], [0x41, 0x00, 0x01, 0x02], [0x42, 0x01], [0x29, 0x01], [0x0c, 0x01])));
        var builtins = component.Items.Cast<CanonBuiltinItem>().ToList();
        Assert.Equal(
            [CanonBuiltinKind.ThreadSpawnRef, CanonBuiltinKind.ThreadSpawnIndirect, CanonBuiltinKind.ThreadAvailableParallelism,
             CanonBuiltinKind.ThreadSuspend, CanonBuiltinKind.ThreadYield],
            builtins.Select(b => b.Kind));
        Assert.True(builtins[0].IsShared);
        Assert.Equal(3u, builtins[0].CoreTypeIndex);
        Assert.False(builtins[1].IsShared);
        Assert.Equal((1u, 2u), (builtins[1].CoreTypeIndex!.Value, builtins[1].TableIndex!.Value));
        Assert.True(builtins[2].IsShared);
        Assert.True(builtins[3].IsCancellable);
        Assert.True(builtins[4].IsCancellable);
        Assert.Equal("thread.available-parallelism", builtins[2].Name);
        Assert.Equal(5, component.IndexSpaces.CoreFunctions.Count);
    }

    [Fact]
    public void Reads_the_gc_and_core_type_options()
    {
        var component = Read("""
            (component
              (core type $t (func (param i32) (result i32)))
              (core module $m (func (export "f") (param i32) (result i32) (local.get 0)))
              (core instance $i (instantiate $m))
              (func (param "x" u32) (result u32) (canon lift (core func $i "f") gc (core-type $t))))
            """);
        var lift = Assert.Single(component.Items.OfType<CanonLiftItem>());
        Assert.True(lift.Options.Gc);
        Assert.Equal(0u, lift.Options.CoreTypeIndex);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00 }, "invalid canon lift: expected the func sort 0x00, found 0x01")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x02, 0x03, 0x00, 0x03, 0x01 }, "duplicate memory option")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x02, 0x00, 0x01 }, "duplicate or conflicting string-encoding option")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x01, 0x0a }, "invalid canonical option 0x0a")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x02, 0x09, 0x09 }, "duplicate gc option")]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x02, 0x08, 0x00, 0x08, 0x01 }, "duplicate core-type option")]
    [InlineData(new byte[] { 0x3f }, "invalid canonical definition opcode 0x3f")]
    [InlineData(new byte[] { 0x06, 0x02 }, "invalid async flag 0x02")]
    public void Rejects_malformed_canonical_definitions(byte[] canon, string reason)
    {
        var e = ReadFails(Build(Section(8, canon)));
        Assert.Equal(reason, e.Reason);
        Assert.InRange(e.Offset, 11, 11 + canon.Length);
    }
}
