using Wasi.Sockets.InstanceNetwork;
using Wasi.Sockets.IpNameLookup;
using Wasi.Sockets.Network;
using Wasi.Sockets.Tcp;
using Wasi.Sockets.TcpCreateSocket;
using Wasi.Sockets.Udp;
using Wasi.Sockets.UdpCreateSocket;
using WitBindgen.Wasi.Bindings;

namespace WitBindgen.Wasi.Sockets;

/// <summary>
/// <c>wasi:sockets</c> without any network access: the guest gets its network handle, but creating a TCP or UDP
/// socket and resolving a name fail with <c>access-denied</c>, so no socket resource ever exists.
/// </summary>
internal sealed class SocketsImplementation :
    INetwork, IInstanceNetwork, ITcp, ITcpCreateSocket, IUdp, IUdpCreateSocket, IIpNameLookup
{
    public Network InstanceNetwork() => new DeniedNetwork();

    public Result<TcpSocket, ErrorCode> CreateTcpSocket(IpAddressFamily addressFamily) =>
        Result<TcpSocket, ErrorCode>.FromErr(ErrorCode.AccessDenied);

    public Result<UdpSocket, ErrorCode> CreateUdpSocket(IpAddressFamily addressFamily) =>
        Result<UdpSocket, ErrorCode>.FromErr(ErrorCode.AccessDenied);

    public Result<ResolveAddressStream, ErrorCode> ResolveAddresses(Network network, string name) =>
        Result<ResolveAddressStream, ErrorCode>.FromErr(ErrorCode.AccessDenied);

    private sealed class DeniedNetwork : Network
    {
    }
}
