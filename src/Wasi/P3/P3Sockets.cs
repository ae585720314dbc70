using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using static WitBindgen.Wasi.P3.P3Types;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// <c>wasi:sockets@0.3.0</c> without any network access, as the 0.2 host: creating a TCP or UDP socket and
/// resolving a name fail with <c>access-denied</c>, so no socket resource ever exists and the socket methods (defined
/// so that components importing them link) can only be reached with a handle the guest does not have: they trap.
/// </summary>
internal static class P3Sockets
{
    private static readonly string[] TcpMethods =
    [
        "bind", "connect", "listen", "send", "receive", "get-local-address", "get-remote-address", "get-is-listening",
        "get-address-family", "set-listen-backlog-size", "get-keep-alive-enabled", "set-keep-alive-enabled",
        "get-keep-alive-idle-time", "set-keep-alive-idle-time", "get-keep-alive-interval", "set-keep-alive-interval",
        "get-keep-alive-count", "set-keep-alive-count", "get-hop-limit", "set-hop-limit", "get-receive-buffer-size",
        "set-receive-buffer-size", "get-send-buffer-size", "set-send-buffer-size",
    ];

    private static readonly string[] UdpMethods =
    [
        "bind", "connect", "disconnect", "send", "receive", "get-local-address", "get-remote-address",
        "get-address-family", "get-unicast-hop-limit", "set-unicast-hop-limit", "get-receive-buffer-size",
        "set-receive-buffer-size", "get-send-buffer-size", "set-send-buffer-size",
    ];

    public static void Define(HostImports imports, WasiContext context, P3Resources resources)
    {
        var types = imports.DefineInstance("wasi:sockets/types@0.3.0");
        resources.DefineSockets(types);
        var denied = WitValue.Err(WitValue.Variant(Array.IndexOf(SocketErrorCases, "access-denied")));
        types.DefineFunction("[static]tcp-socket.create", Func([IpAddressFamily], AbiType.Result(AbiType.Own(resources.TcpSocket), SocketErrorCode)),
            P3Call.Sync(context, "create", _ => denied));
        types.DefineFunction("[static]udp-socket.create", Func([IpAddressFamily], AbiType.Result(AbiType.Own(resources.UdpSocket), SocketErrorCode)),
            P3Call.Sync(context, "create", _ => denied));
        foreach (var method in TcpMethods)
        {
            DefineUnreachable(types, context, "tcp-socket", method);
        }

        foreach (var method in UdpMethods)
        {
            DefineUnreachable(types, context, "udp-socket", method);
        }

        var lookupDenied = WitValue.Err(WitValue.Variant(Array.IndexOf(NameLookupErrorCases, "access-denied")));
        imports.DefineInstance("wasi:sockets/ip-name-lookup@0.3.0")
            .DefineAsyncFunction("resolve-addresses", Func([AbiType.String], AbiType.Result(AbiType.List(IpAddress), NameLookupErrorCode)),
                P3Call.Now(context, "resolve-addresses", _ => lookupDenied));
    }

    /// <summary>
    /// A socket method: it adapts to the type the component declares (its argument is a handle to a socket, which
    /// cannot exist, so lifting it traps first) and traps if it is ever reached.
    /// </summary>
    private static void DefineUnreachable(HostInstance types, WasiContext context, string resource, string method)
    {
        var name = $"[method]{resource}.{method}";
        types.DefineFunction(name, P3Call.Sync(context, name, (Func<WitValue[], WitValue[]>)(_ =>
            throw new ComponentTrapException(ComponentTrapKind.InvalidHandle, $"{name}: no {resource} exists (sockets are denied)"))));
    }
}
