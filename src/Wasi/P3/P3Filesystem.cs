using Wasi.Filesystem.Types;
using Wasi.Io.Streams;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Wasi.Filesystem;
using WitBindgen.Wasi.Io;
using T = WitBindgen.Wasi.P3.P3Types;
using V = WitBindgen.Wasi.P3.P3FilesystemValues;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// <c>wasi:filesystem@0.3.0</c> over the 0.2 host's descriptors (<see cref="HostDescriptor"/>): the same preopens,
/// the same resolution beneath directory handles, the same limits and the same error codes. The async methods do
/// their system calls when called and complete at once, as the 0.2 host's calls do.
/// </summary>
internal static class P3Filesystem
{
    public static void Define(HostImports imports, WasiContext context, FilesystemImplementation filesystem, P3Resources resources)
    {
        var types = imports.DefineInstance("wasi:filesystem/types@0.3.0");
        resources.DefineDescriptor(types);
        var self = resources.BorrowDescriptor;
        var unitResult = AbiType.Result(null, T.FilesystemErrorCode);
        AbiType ResultOf(AbiType ok) => AbiType.Result(ok, T.FilesystemErrorCode);
        Descriptor Self(WitValue[] arguments) => P3Call.Resource(resources.Descriptors, arguments[0]);

        void Method(string name, AbiType[] parameters, AbiType result, Func<Descriptor, WitValue[], WitValue> body) =>
            types.DefineAsyncFunction($"[method]descriptor.{name}", T.Func([self, .. parameters], result),
                P3Call.Now(context, name, arguments => body(Self(arguments), arguments)));

        Method("advise", [AbiType.U64, AbiType.U64, T.Advice], unitResult, (d, a) => V.ToResult(d.Advise(a[1].AsU64(), a[2].AsU64(), V.Advice(a[3]))));
        Method("sync-data", [], unitResult, (d, _) => V.ToResult(d.SyncData()));
        Method("get-flags", [], ResultOf(T.DescriptorFlags), (d, _) => V.ToResult(d.GetFlags(), V.Flags));
        Method("get-type", [], ResultOf(T.DescriptorType), (d, _) => V.ToResult(d.GetType_(), V.Type));
        Method("set-size", [AbiType.U64], unitResult, (d, a) => V.ToResult(d.SetSize(a[1].AsU64())));
        Method("set-times", [T.NewTimestamp, T.NewTimestamp], unitResult, (d, a) =>
            V.NewTimestamp(a[1]) is { } access && V.NewTimestamp(a[2]) is { } modification
                ? V.ToResult(d.SetTimes(access, modification))
                : V.Err(ErrorCode.Invalid));
        Method("sync", [], unitResult, (d, _) => V.ToResult(d.Sync()));
        Method("create-directory-at", [AbiType.String], unitResult, (d, a) => V.ToResult(d.CreateDirectoryAt(a[1].AsString())));
        Method("stat", [], ResultOf(T.DescriptorStat), (d, _) => V.ToResult(d.Stat(), V.Stat));
        Method("stat-at", [T.PathFlags, AbiType.String], ResultOf(T.DescriptorStat), (d, a) =>
            V.ToResult(d.StatAt(V.PathFlags(a[1]), a[2].AsString()), V.Stat));
        Method("set-times-at", [T.PathFlags, AbiType.String, T.NewTimestamp, T.NewTimestamp], unitResult, (d, a) =>
            V.NewTimestamp(a[3]) is { } access && V.NewTimestamp(a[4]) is { } modification
                ? V.ToResult(d.SetTimesAt(V.PathFlags(a[1]), a[2].AsString(), access, modification))
                : V.Err(ErrorCode.Invalid));
        Method("link-at", [T.PathFlags, AbiType.String, self, AbiType.String], unitResult, (d, a) =>
            V.ToResult(d.LinkAt(V.PathFlags(a[1]), a[2].AsString(), P3Call.Resource(resources.Descriptors, a[3]), a[4].AsString())));
        Method("open-at", [T.PathFlags, AbiType.String, T.OpenFlags, T.DescriptorFlags], ResultOf(resources.OwnDescriptor), (d, a) =>
            V.ToResult(d.OpenAt(V.PathFlags(a[1]), a[2].AsString(), V.OpenFlags(a[3]), V.DescriptorFlags(a[4])), resources.Own));
        Method("readlink-at", [AbiType.String], ResultOf(AbiType.String), (d, a) => V.ToResult(d.ReadlinkAt(a[1].AsString()), WitValue.String));
        Method("remove-directory-at", [AbiType.String], unitResult, (d, a) => V.ToResult(d.RemoveDirectoryAt(a[1].AsString())));
        Method("rename-at", [AbiType.String, self, AbiType.String], unitResult, (d, a) =>
            V.ToResult(d.RenameAt(a[1].AsString(), P3Call.Resource(resources.Descriptors, a[2]), a[3].AsString())));
        Method("symlink-at", [AbiType.String, AbiType.String], unitResult, (d, a) => V.ToResult(d.SymlinkAt(a[1].AsString(), a[2].AsString())));
        Method("unlink-file-at", [AbiType.String], unitResult, (d, a) => V.ToResult(d.UnlinkFileAt(a[1].AsString())));
        Method("is-same-object", [self], AbiType.Bool, (d, a) => WitValue.Bool(d.IsSameObject(P3Call.Resource(resources.Descriptors, a[1]))));
        Method("metadata-hash", [], ResultOf(T.MetadataHashValue), (d, _) => V.ToResult(d.MetadataHash(), V.Hash));
        Method("metadata-hash-at", [T.PathFlags, AbiType.String], ResultOf(T.MetadataHashValue), (d, a) =>
            V.ToResult(d.MetadataHashAt(V.PathFlags(a[1]), a[2].AsString()), V.Hash));

        DefineStreams(types, context, resources);

        imports.DefineInstance("wasi:filesystem/preopens@0.3.0")
            .DefineFunction("get-directories", T.Func([], AbiType.List(AbiType.Tuple(resources.OwnDescriptor, AbiType.String))),
                P3Call.Sync(context, "get-directories", _ =>
                    WitValue.List(filesystem.GetDirectories().Select(p => WitValue.Tuple(resources.Own(p.Item1), WitValue.String(p.Item2))).ToArray())));
    }

    /// <summary>
    /// The methods that move bytes or entries through streams, over the 0.2 descriptor's stream objects (the same
    /// checks: a file opened without <c>read</c> cannot be read, and so on; such an error ends the stream at once and
    /// is the future's value).
    /// </summary>
    private static void DefineStreams(HostInstance types, WasiContext context, P3Resources resources)
    {
        static WitValue Failure(StreamError? error) =>
            V.Error(error is StreamError.LastOperationFailed { Value: HostError { FilesystemCode: { } code } } ? code : ErrorCode.Io);

        Descriptor Self(WitValue[] arguments) => P3Call.Resource(resources.Descriptors, arguments[0]);

        var self = resources.BorrowDescriptor;
        var bytes = AbiType.Stream(AbiType.U8);
        var outcome = AbiType.Future(AbiType.Result(null, T.FilesystemErrorCode));
        types.DefineFunction("[method]descriptor.read-via-stream", T.Func([self, AbiType.U64], AbiType.Tuple(bytes, outcome)), P3Call.Sync(context, "read-via-stream", arguments =>
        {
            var source = Self(arguments).ReadViaStream(arguments[1].AsU64());
            var (reader, writer) = P3Streams.Outcome(T.FilesystemErrorCode);
            var stream = source.IsOk ? P3Streams.ToGuest(source.Ok, Failure, writer) : P3Streams.Failed(WitCodecs.Bytes, V.Error(source.Err), writer);
            return WitValue.Tuple(stream, reader.ToWitValue());
        }));
        types.DefineFunction("[method]descriptor.write-via-stream", T.Func([self, bytes, AbiType.U64], outcome), P3Call.Sync(context, "write-via-stream", arguments =>
            FromGuest(arguments[1], Self(arguments).WriteViaStream(arguments[2].AsU64()))));
        types.DefineFunction("[method]descriptor.append-via-stream", T.Func([self, bytes], outcome), P3Call.Sync(context, "append-via-stream", arguments =>
            FromGuest(arguments[1], Self(arguments).AppendViaStream())));
        types.DefineFunction("[method]descriptor.read-directory", T.Func([self], AbiType.Tuple(AbiType.Stream(T.DirectoryEntry), outcome)), P3Call.Sync(context, "read-directory", arguments =>
        {
            var listing = Self(arguments).ReadDirectory();
            var codec = WitCodecs.Dynamic(T.DirectoryEntry);
            var (reader, writer) = P3Streams.Outcome(T.FilesystemErrorCode);
            if (listing.IsErr)
            {
                return WitValue.Tuple(P3Streams.Failed(codec, V.Error(listing.Err), writer), reader.ToWitValue());
            }

            var (entries, entryWriter) = WitStream.Create(codec);
            P3Streams.Run(() => CopyEntries(listing.Ok, entryWriter), V.Error(ErrorCode.Io), writer, listing.Ok, entryWriter);
            return WitValue.Tuple(entries.ToWitValue(), reader.ToWitValue());
        }));

        WitValue FromGuest(WitValue data, Result<OutputStream, ErrorCode> sink)
        {
            var (reader, writer) = P3Streams.Outcome(T.FilesystemErrorCode);
            if (sink.IsOk)
            {
                P3Streams.FromGuest(data, sink.Ok, Failure, writer);
            }
            else
            {
                P3Streams.Refuse(data, V.Error(sink.Err), writer);
            }

            return reader.ToWitValue();
        }
    }

    /// <summary>Moves a 0.2 listing's entries into the guest's stream, up to 64 per write.</summary>
    private static async Task<WitValue> CopyEntries(DirectoryEntryStream listing, StreamWriter<WitValue> writer)
    {
        var batch = new List<WitValue>(64);
        while (true)
        {
            var next = listing.ReadDirectoryEntry();
            if (next.IsErr)
            {
                return WitValue.Err(V.Error(next.Err));
            }

            if (next.Ok is { } entry)
            {
                batch.Add(V.Entry(entry));
            }

            if ((next.Ok is null || batch.Count == 64) && batch.Count > 0)
            {
                if (await writer.WriteAsync(batch.ToArray()).ConfigureAwait(false) < batch.Count)
                {
                    return WitValue.Ok(); // the guest dropped its end
                }

                batch.Clear();
            }

            if (next.Ok is null)
            {
                return WitValue.Ok();
            }
        }
    }
}
