using WitBindgen.Cli.Components;
using Xunit;

namespace WitBindgen.Cli.Tests;

/// <summary>The compile status line (in process: a real terminal is not available to tests).</summary>
public sealed class CompileProgressTests
{
    [Fact]
    public void A_long_step_is_shown_and_erased_when_done()
    {
        var error = new StringWriter();
        using (var progress = new CompileProgress(error, enabled: true))
        {
            progress.Report("compiling core module 1 of 2 (12.0 MB)");
            Thread.Sleep(TimeSpan.FromSeconds(1.2));
        }

        var text = error.ToString();
        Assert.StartsWith("\r\u001b[Kcompiling core module 1 of 2 (12.0 MB), ", text, StringComparison.Ordinal);
        Assert.Contains(" s", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_written_when_not_on_a_terminal_or_when_the_step_is_short()
    {
        var redirected = new StringWriter();
        using (var progress = new CompileProgress(redirected, enabled: false))
        {
            progress.Report("compiling");
            Thread.Sleep(TimeSpan.FromSeconds(0.8));
        }

        var quick = new StringWriter();
        using (var progress = new CompileProgress(quick, enabled: true))
        {
            progress.Report("compiling");
        }

        Assert.Equal("", redirected.ToString());
        Assert.Equal("", quick.ToString());
    }
}
