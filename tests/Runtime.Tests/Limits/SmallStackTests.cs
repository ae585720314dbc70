using System.Diagnostics;
using Xunit;

namespace WitBindgen.Runtime.Tests.Limits;

/// <summary>
/// Guest calls from a thread with a 512 KiB stack (less than the guest's bound plus the host's reserve): before the
/// runtime moved such calls to a thread of its own, deep guest recursion ended the process with a stack overflow. The
/// scenarios run in a child process (<see cref="SmallStackProgram"/>), so a regression fails the test instead of
/// ending the test host.
/// </summary>
public class SmallStackTests
{
    [Fact]
    public void Deep_recursion_on_a_small_thread_is_a_trap_not_a_crash()
    {
        var (code, output) = RunChild("recurse");
        Assert.True(code == 0, $"exit code {code}: {output}");
        Assert.Contains("ok StackOverflow poisoned=True other=1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_exception_thrown_during_a_moved_call_reaches_the_caller_unchanged()
    {
        var (code, output) = RunChild("host-exception");
        Assert.True(code == 0, $"exit code {code}: {output}");
        Assert.Contains("ok from the host on caller", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) RunChild(string scenario)
    {
        var assembly = typeof(SmallStackProgram).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal) || Environment.ProcessPath.EndsWith("dotnet.exe", StringComparison.Ordinal) ? Environment.ProcessPath : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("small-stack");
        start.ArgumentList.Add(scenario);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
