using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>
/// The check-then-use race: while <c>/data/d</c> is swapped again and again between a real directory and a link
/// leading out, a guest keeps opening, creating and listing through it. Nothing outside may ever be read or
/// changed. The attacker is a host thread (<see cref="HostSwapperRaceTests"/>) or a second instance of the guest on
/// the same preopen (<see cref="GuestSwapperRaceTests"/>); each runs ten seconds per way of resolving paths (two
/// classes, so that xunit runs them side by side).
/// </summary>
internal static partial class SwapRace
{
    public const double Seconds = 10;

    /// <summary>Runs the victim guest (<c>race</c>) and checks the outcome; <paramref name="attacker"/> runs meanwhile.</summary>
    public static void Run(SandboxTree tree, string mode, Func<CancellationToken, int> attacker)
    {
        // The real d is empty: a secret.txt the guest opens or lists can only be the one outside.
        Directory.CreateDirectory(Path.Combine(tree.Data, "d"));

        using var stop = new CancellationTokenSource();
        var attack = Task.Factory.StartNew(() => attacker(stop.Token), TaskCreationOptions.LongRunning);
        var clock = Stopwatch.StartNew();
        GuestRun victim;
        try
        {
            victim = AttackGuest.Run(tree.Configure(mode), "race", Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), SandboxTree.Secret);
        }
        finally
        {
            stop.Cancel();
        }

        var cycles = attack.GetAwaiter().GetResult();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(Seconds));
        Assert.Null(victim.Trap);
        Assert.Equal(0, victim.ExitCode);

        var result = Result().Match(victim.Stdout);
        Assert.True(result.Success, victim.Stdout + victim.Stderr);
        long Count(string name) => long.Parse(result.Groups[name].Value, System.Globalization.CultureInfo.InvariantCulture);

        // Nothing escaped: no open or read of the secret, no listing of the outside directory, nothing made or changed there.
        Assert.Equal(0, Count("opened"));
        Assert.Equal(0, Count("escaped"));
        Assert.Equal(0, Count("listed"));
        Assert.DoesNotContain(SandboxTree.Secret, victim.Stdout);
        tree.AssertUntouched();

        // And the race was real: many swaps, many attempts, and the real d was reached between swaps.
        Assert.True(cycles > 100, $"only {cycles} swap cycles");
        Assert.True(Count("attempts") > 100, victim.Stdout);
        Assert.True(Count("created") > 0, victim.Stdout);
    }

    [GeneratedRegex(@"^race attempts (?<attempts>\d+) opened (?<opened>\d+) escaped (?<escaped>\d+) created (?<created>\d+) listed-secret (?<listed>\d+)\n$")]
    private static partial Regex Result();
}

/// <summary>The race, ten seconds per way of resolving paths, against the attacker a subclass brings.</summary>
public abstract class SwapRaceTests : IDisposable
{
    protected SwapRaceTests() => Tree = new SandboxTree();

    public static TheoryData<string> Modes => SandboxTree.Modes;

    internal SandboxTree Tree { get; }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Swapping_the_directory_for_a_link_out_never_leads_the_guest_out(string mode) =>
        SwapRace.Run(Tree, mode, stop => Attack(mode, stop));

    public void Dispose()
    {
        Tree.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Swaps until <paramref name="stop"/> is cancelled (or its own time is up); returns the cycles completed.</summary>
    protected abstract int Attack(string mode, CancellationToken stop);
}

/// <summary>A host thread swaps the directory for an absolute link to <c>outside</c> and back, as fast as it can.</summary>
public sealed class HostSwapperRaceTests : SwapRaceTests
{
    protected override int Attack(string mode, CancellationToken stop)
    {
        var d = Path.Combine(Tree.Data, "d");
        var real = Path.Combine(Tree.Data, "d.real");
        var cycles = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Directory.Move(d, real);
                Directory.CreateSymbolicLink(d, Tree.Outside);
                Thread.SpinWait(200);
                File.Delete(d);                     // unlink(2): the link, not what it points to
                Directory.Move(real, d);
                cycles++;
            }
            catch (IOException)
            {
                // The guest may have made d/pwned.txt or hold d; put d back and go on.
                if (Directory.Exists(real))
                {
                    if (new FileInfo(d).LinkTarget is not null)
                    {
                        File.Delete(d);
                    }

                    Directory.Move(real, d);
                }
            }
        }

        return cycles;
    }
}

/// <summary>A second instance of the guest, on the same preopen, swaps the directory for a relative link out.</summary>
public sealed class GuestSwapperRaceTests : SwapRaceTests
{
    protected override int Attack(string mode, CancellationToken stop)
    {
        var attacker = AttackGuest.Run(Tree.Configure(mode), "swap", SwapRace.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(attacker.Trap);
        var line = Assert.Single(attacker.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("swap cycles ", line);
        return int.Parse(line["swap cycles ".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
