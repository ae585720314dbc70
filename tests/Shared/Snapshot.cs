using System.Runtime.CompilerServices;
using Xunit;

namespace WitBindgen.Tests.Infrastructure;

/// <summary>
/// A minimal snapshot helper (shared by the test projects) with Verify's conventions: the expected text lives next to the test
/// source as <c>Name.verified.ext</c> (committed); a mismatch writes <c>Name.received.ext</c>
/// (ignored by git) and fails. Set <c>WITBINDGEN_ACCEPT=1</c> to accept received output.
/// </summary>
public static class Snapshot
{
    /// <summary>Compares <paramref name="actual"/> with the committed snapshot.</summary>
    public static void Verify(string actual, string name, string extension = "txt", string folder = "Snapshots", [CallerFilePath] string callerPath = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(callerPath)!, folder);
        Directory.CreateDirectory(dir);
        var verified = Path.Combine(dir, $"{name}.verified.{extension}");
        var received = Path.Combine(dir, $"{name}.received.{extension}");
        actual = Normalize(actual);
        var accept = Environment.GetEnvironmentVariable("WITBINDGEN_ACCEPT") == "1";
        if (File.Exists(verified) && Normalize(File.ReadAllText(verified)) == actual)
        {
            File.Delete(received);
            return;
        }

        if (accept)
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(File.Exists(verified)
            ? $"Snapshot mismatch for {name}: compare {received} with {verified} (WITBINDGEN_ACCEPT=1 accepts)."
            : $"No snapshot for {name}: review {received} and rename it to {Path.GetFileName(verified)} (WITBINDGEN_ACCEPT=1 accepts).");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
}
