namespace WitBindgen.Runtime.Binary;

/// <summary>Reads canonical definitions (<c>canon</c>) and their options.</summary>
internal static class CanonParser
{
    public static CanonItem ReadCanon(WasmReader r)
    {
        var start = r.Position;
        var opcode = r.ReadByte();
        switch (opcode)
        {
            case 0x00:
                ExpectFuncSort(r, "canon lift");
                var coreFunction = r.ReadU32();
                var liftOptions = ReadOptions(r);
                return new CanonLiftItem(coreFunction, liftOptions, r.ReadU32());
            case 0x01:
                ExpectFuncSort(r, "canon lower");
                var function = r.ReadU32();
                return new CanonLowerItem(function, ReadOptions(r));
            case 0x02:
                return new CanonResourceNewItem(r.ReadU32());
            case 0x03:
                return new CanonResourceDropItem(r.ReadU32());
            case 0x04:
                return new CanonResourceRepItem(r.ReadU32());
            case 0x24:
                return new CanonBuiltinItem(CanonBuiltinKind.BackpressureInc);
            case 0x25:
                return new CanonBuiltinItem(CanonBuiltinKind.BackpressureDec);
            case 0x09:
                var result = TypeParser.ReadResultList(r);
                return new CanonBuiltinItem(CanonBuiltinKind.TaskReturn) { Result = result, Options = ReadOptions(r) };
            case 0x05:
                return new CanonBuiltinItem(CanonBuiltinKind.TaskCancel);
            case 0x0a:
            case 0x0b:
                var valueType = CoreTypeParser.ReadValueType(r);
                return new CanonBuiltinItem(opcode == 0x0a ? CanonBuiltinKind.ContextGet : CanonBuiltinKind.ContextSet)
                {
                    ValueType = valueType,
                    Slot = r.ReadU32(),
                };
            case 0x06:
                return new CanonBuiltinItem(CanonBuiltinKind.SubtaskCancel) { IsAsync = r.ReadFlag("async") };
            case 0x0d:
                return new CanonBuiltinItem(CanonBuiltinKind.SubtaskDrop);
            case 0x0e:
                return Typed(r, CanonBuiltinKind.StreamNew);
            case 0x0f:
                return TypedWithOptions(r, CanonBuiltinKind.StreamRead);
            case 0x10:
                return TypedWithOptions(r, CanonBuiltinKind.StreamWrite);
            case 0x11:
                return TypedAsync(r, CanonBuiltinKind.StreamCancelRead);
            case 0x12:
                return TypedAsync(r, CanonBuiltinKind.StreamCancelWrite);
            case 0x13:
                return Typed(r, CanonBuiltinKind.StreamDropReadable);
            case 0x14:
                return Typed(r, CanonBuiltinKind.StreamDropWritable);
            case 0x15:
                return Typed(r, CanonBuiltinKind.FutureNew);
            case 0x16:
                return TypedWithOptions(r, CanonBuiltinKind.FutureRead);
            case 0x17:
                return TypedWithOptions(r, CanonBuiltinKind.FutureWrite);
            case 0x18:
                return TypedAsync(r, CanonBuiltinKind.FutureCancelRead);
            case 0x19:
                return TypedAsync(r, CanonBuiltinKind.FutureCancelWrite);
            case 0x1a:
                return Typed(r, CanonBuiltinKind.FutureDropReadable);
            case 0x1b:
                return Typed(r, CanonBuiltinKind.FutureDropWritable);
            case 0x1c:
                return new CanonBuiltinItem(CanonBuiltinKind.ErrorContextNew) { Options = ReadOptions(r) };
            case 0x1d:
                return new CanonBuiltinItem(CanonBuiltinKind.ErrorContextDebugMessage) { Options = ReadOptions(r) };
            case 0x1e:
                return new CanonBuiltinItem(CanonBuiltinKind.ErrorContextDrop);
            case 0x1f:
                return new CanonBuiltinItem(CanonBuiltinKind.WaitableSetNew);
            case 0x20:
            case 0x21:
                var cancellable = r.ReadFlag("cancellable");
                return new CanonBuiltinItem(opcode == 0x20 ? CanonBuiltinKind.WaitableSetWait : CanonBuiltinKind.WaitableSetPoll)
                {
                    IsCancellable = cancellable,
                    MemoryIndex = r.ReadU32(),
                };
            case 0x22:
                return new CanonBuiltinItem(CanonBuiltinKind.WaitableSetDrop);
            case 0x23:
                return new CanonBuiltinItem(CanonBuiltinKind.WaitableJoin);
            case 0x26:
                return new CanonBuiltinItem(CanonBuiltinKind.ThreadIndex);
            case 0x27:
                var newIndirectType = r.ReadU32();
                return new CanonBuiltinItem(CanonBuiltinKind.ThreadNewIndirect) { CoreTypeIndex = newIndirectType, TableIndex = r.ReadU32() };
            case 0x28:
                return new CanonBuiltinItem(CanonBuiltinKind.ThreadResumeLater);
            case 0x29:
                return Cancellable(r, CanonBuiltinKind.ThreadSuspend);
            case 0x0c:
                return Cancellable(r, CanonBuiltinKind.ThreadYield);
            case 0x2a:
                return Cancellable(r, CanonBuiltinKind.ThreadSuspendThenResume);
            case 0x2b:
                return Cancellable(r, CanonBuiltinKind.ThreadYieldThenResume);
            case 0x2c:
                return Cancellable(r, CanonBuiltinKind.ThreadSuspendThenPromote);
            case 0x2d:
                return Cancellable(r, CanonBuiltinKind.ThreadYieldThenPromote);
            case 0x40:
                var spawnRefShared = r.ReadFlag("shared");
                return new CanonBuiltinItem(CanonBuiltinKind.ThreadSpawnRef) { IsShared = spawnRefShared, CoreTypeIndex = r.ReadU32() };
            case 0x41:
                var spawnIndirectShared = r.ReadFlag("shared");
                var spawnIndirectType = r.ReadU32();
                return new CanonBuiltinItem(CanonBuiltinKind.ThreadSpawnIndirect)
                {
                    IsShared = spawnIndirectShared,
                    CoreTypeIndex = spawnIndirectType,
                    TableIndex = r.ReadU32(),
                };
            case 0x42:
                return new CanonBuiltinItem(CanonBuiltinKind.ThreadAvailableParallelism) { IsShared = r.ReadFlag("shared") };
            case 0x2e:
                return Typed(r, CanonBuiltinKind.StreamForward);
            case 0x2f:
                return Typed(r, CanonBuiltinKind.FutureForward);
            default:
                throw r.Error($"invalid canonical definition opcode 0x{opcode:x2}", start);
        }
    }

    private static void ExpectFuncSort(WasmReader r, string what)
    {
        var start = r.Position;
        var sort = r.ReadByte();
        if (sort != 0x00)
        {
            throw r.Error($"invalid {what}: expected the func sort 0x00, found 0x{sort:x2}", start);
        }
    }

    private static CanonBuiltinItem Typed(WasmReader r, CanonBuiltinKind kind) => new(kind) { TypeIndex = r.ReadU32() };

    private static CanonBuiltinItem TypedWithOptions(WasmReader r, CanonBuiltinKind kind)
    {
        var type = r.ReadU32();
        return new CanonBuiltinItem(kind) { TypeIndex = type, Options = ReadOptions(r) };
    }

    private static CanonBuiltinItem TypedAsync(WasmReader r, CanonBuiltinKind kind)
    {
        var type = r.ReadU32();
        return new CanonBuiltinItem(kind) { TypeIndex = type, IsAsync = r.ReadFlag("async") };
    }

    private static CanonBuiltinItem Cancellable(WasmReader r, CanonBuiltinKind kind) =>
        new(kind) { IsCancellable = r.ReadFlag("cancellable") };

    /// <summary>Reads <c>opts</c>, rejecting duplicate or conflicting options.</summary>
    public static CanonicalOptions ReadOptions(WasmReader r)
    {
        var count = r.ReadCount();
        var options = CanonicalOptions.None;
        var seenEncoding = false;
        for (var i = 0; i < count; i++)
        {
            var start = r.Position;
            var option = r.ReadByte();
            switch (option)
            {
                case 0x00:
                case 0x01:
                case 0x02:
                    if (seenEncoding)
                    {
                        throw r.Error("duplicate or conflicting string-encoding option", start);
                    }

                    seenEncoding = true;
                    options = options with { StringEncoding = (StringEncoding)option };
                    break;
                case 0x03:
                    options = options with { MemoryIndex = Once(r, options.MemoryIndex, "memory", start) };
                    break;
                case 0x04:
                    options = options with { ReallocIndex = Once(r, options.ReallocIndex, "realloc", start) };
                    break;
                case 0x05:
                    options = options with { PostReturnIndex = Once(r, options.PostReturnIndex, "post-return", start) };
                    break;
                case 0x06:
                    if (options.IsAsync)
                    {
                        throw r.Error("duplicate async option", start);
                    }

                    options = options with { IsAsync = true };
                    break;
                case 0x07:
                    options = options with { CallbackIndex = Once(r, options.CallbackIndex, "callback", start) };
                    break;
                case 0x08:
                    options = options with { CoreTypeIndex = Once(r, options.CoreTypeIndex, "core-type", start) };
                    break;
                case 0x09:
                    if (options.Gc)
                    {
                        throw r.Error("duplicate gc option", start);
                    }

                    options = options with { Gc = true };
                    break;
                default:
                    throw r.Error($"invalid canonical option 0x{option:x2}", start);
            }
        }

        return options;
    }

    private static uint Once(WasmReader r, uint? previous, string option, int offset) =>
        previous is null ? r.ReadU32() : throw r.Error($"duplicate {option} option", offset);
}
