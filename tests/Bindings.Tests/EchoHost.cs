using Fixtures.Echoes.Echoes;
using Fixtures.Echoes.Host;
using Fixtures.Echoes.Types;

namespace WitBindgen.Bindings.Tests;

/// <summary>A host implementation of the echoes world's imports that records what the guest passed.</summary>
internal sealed class EchoHost : IHost, IEchoesImports
{
    public List<string> Logged { get; } = new();

    public List<Shape> Described { get; } = new();

    public ulong Clock { get; set; } = 1_700_000_000_000UL;

    public Exception? ThrowFromDouble { get; set; }

    /// <summary>When set, <c>reverse</c> returns this instead of the reversed list (null included: a misbehaving host).</summary>
    public Func<string[], string[]>? ReverseOverride { get; set; }

    public void Log(string message) => Logged.Add(message);

    public uint Double(uint x) => ThrowFromDouble is { } e ? throw e : unchecked(x * 2);

    public Point Transform(Point p) => new(p.Y, p.Z, p.X);

    public string[] Reverse(string[] items) => ReverseOverride is { } f ? f(items) : items.Reverse().ToArray();

    public string? Describe(Shape s)
    {
        Described.Add(s);
        return s switch
        {
            Shape.Circle c => $"circle {c.Value}",
            Shape.Rect r => $"rect {r.Value.X},{r.Value.Y},{r.Value.Z}",
            Shape.Named n => "named " + n.Value,
            _ => null,
        };
    }

    public ulong Now() => Clock;

    public EchoesWorld.Imports Imports() => new(this, this);
}
