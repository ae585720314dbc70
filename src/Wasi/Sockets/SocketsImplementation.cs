using Wasi.Sockets.InstanceNetwork;
using Wasi.Sockets.IpNameLookup;
using Wasi.Sockets.Network;
using Wasi.Sockets.Tcp;
using Wasi.Sockets.TcpCreateSocket;
using Wasi.Sockets.Udp;
using Wasi.Sockets.UdpCreateSocket;
using WitBindgen.Runtime;

namespace WitBindgen.Wasi.Sockets;

/// <summary>
/// <c>wasi:sockets</c> without any network access: the guest gets its network handle, but creating a TCP or UDP
/// socket and resolving a name fail with <c>access-denied</c>, so no socket resource ever exists.
/// </summary>
internal sealed class SocketsImplementation :
    INetwork, IInstanceNetwork, ITcp, ITcpCreateSocket, IUdp, IUdpCreateSocket, IIpNameLookup
{
    private readonly WasiContext _context;

    public SocketsImplementation(WasiContext context) => _context = context;

    public Network InstanceNetwork() => HostCall.Trap(_context, "instance-network", () => new DeniedNetwork(_context));

    public Result<TcpSocket, ErrorCode> CreateTcpSocket(IpAddressFamily addressFamily) => Denied<TcpSocket>("create-tcp-socket");

    public Result<UdpSocket, ErrorCode> CreateUdpSocket(IpAddressFamily addressFamily) => Denied<UdpSocket>("create-udp-socket");

    public Result<ResolveAddressStream, ErrorCode> ResolveAddresses(Network network, string name) => Denied<ResolveAddressStream>("resolve-addresses");

    private Result<T, ErrorCode> Denied<T>(string function) =>
        HostCall.Run(_context, function, e => e is WasiLimitException or OutOfMemoryException ? ErrorCode.OutOfMemory : ErrorCode.Unknown, () =>
            Result<T, ErrorCode>.FromErr(ErrorCode.AccessDenied));

    /// <summary>The network handle: it grants nothing.</summary>
    private sealed class DeniedNetwork : Network
    {
        private readonly ResourceLease _lease;

        public DeniedNetwork(WasiContext context) => _lease = new ResourceLease(context);

        protected override void Dispose(bool disposing)
        {
            _lease.Release();
            base.Dispose(disposing);
        }
    }
}
