using Wasi.Filesystem.Types;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.CompilerServices;
using WitBindgen.Runtime.State;

namespace WitBindgen.Wasi.P3;

/// <summary>
/// The resource types of one WASI 0.3 host instance and the objects behind the guest's handles. Descriptors are
/// the 0.2 host's <see cref="Filesystem.HostDescriptor"/> objects (the same sandbox); a dropped handle disposes its
/// object. Terminals and sockets never exist (no stream is a terminal, sockets are denied), so their tables stay empty.
/// </summary>
internal sealed class P3Resources
{
    public HostResourceTable<Descriptor> Descriptors { get; } = new();

    public ResourceType Descriptor { get; private set; } = null!;

    public ResourceType TerminalInput { get; private set; } = null!;

    public ResourceType TerminalOutput { get; private set; } = null!;

    public ResourceType TcpSocket { get; private set; } = null!;

    public ResourceType UdpSocket { get; private set; } = null!;

    public AbiType OwnDescriptor => AbiType.Own(Descriptor);

    public AbiType BorrowDescriptor => AbiType.Borrow(Descriptor);

    public void DefineDescriptor(HostInstance types) =>
        Descriptor = types.DefineResource("descriptor", rep => Descriptors.Remove(rep)?.Dispose());

    public void DefineTerminals(HostInstance input, HostInstance output)
    {
        TerminalInput = input.DefineResource("terminal-input");
        TerminalOutput = output.DefineResource("terminal-output");
    }

    public void DefineSockets(HostInstance types)
    {
        TcpSocket = types.DefineResource("tcp-socket");
        UdpSocket = types.DefineResource("udp-socket");
    }

    /// <summary>Hands a descriptor to the guest: the handle owns it.</summary>
    public WitValue Own(Descriptor descriptor) => WitValue.Handle(new ResourceValue(Descriptor, Descriptors.Add(descriptor)));
}
