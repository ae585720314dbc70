using System.Diagnostics;
using System.Text;
using WitBindgen.Runtime.Binary;
using Xunit;

namespace WitBindgen.Runtime.Tests.Validation;

/// <summary>Type checking stays linear and bounded on types built to make it explode.</summary>
public class TypeCheckLimitTests
{
    private static readonly ComponentRuntime Runtime = new();

    [Fact]
    public void A_type_doubling_at_each_level_is_compared_once_per_definition_not_once_per_path()
    {
        // t(i) = tuple<t(i-1), t(i-1)>: about 400,000 nodes when expanded (under the size limit), 17 definitions when shared.
        var text = new StringBuilder("(component (type $t0 (list u8))\n");
        for (var i = 1; i <= 17; i++)
        {
            text.Append($"(type $t{i} (tuple $t{i - 1} $t{i - 1}))\n");
        }

        text.Append("""
              (import "a" (type $a (eq $t17)))
              (component $e
                (type $s0 (list u8))
            """);
        for (var i = 1; i <= 17; i++)
        {
            text.Append($"(type $s{i} (tuple $s{i - 1} $s{i - 1}))\n");
        }

        text.Append("""
                (import "b" (type (eq $s17))))
              (instance (instantiate $e (with "b" (type $a)))))
            """);
        var clock = Stopwatch.StartNew();
        Runtime.LoadText(text.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_type_past_the_effective_size_limit_is_refused()
    {
        var text = new StringBuilder("(component (type $t0 (list u8))\n");
        for (var i = 1; i <= 40; i++)
        {
            text.Append($"(type $t{i} (tuple $t{i - 1} $t{i - 1}))\n");
        }

        var refused = Assert.Throws<ComponentFormatException>(() => Runtime.LoadText(text.Append(')').ToString()));
        Assert.Contains("effective type size exceeds the limit of 1000000", refused.Message);
    }

    [Fact]
    public void Types_nested_deeper_than_the_limit_are_refused_not_a_crash()
    {
        // l(i) = list<l(i-1)>, 100,000 deep; exporting it makes the checker walk the whole depth.
        var text = new StringBuilder("(component (type $t0 (list u8))\n");
        const int depth = 100_000;
        for (var i = 1; i <= depth; i++)
        {
            text.Append($"(type $t{i} (list $t{i - 1}))\n");
        }

        text.Append($"(import \"a\" (type $a (eq $t{depth})))\n");
        text.Append($"(component $c (type $u0 (list u8)) ");
        for (var i = 1; i <= depth; i++)
        {
            text.Append($"(type $u{i} (list $u{i - 1}))");
        }

        text.Append($" (import \"b\" (type (eq $u{depth}))))\n(instance (instantiate $c (with \"b\" (type $a)))))");

        // Run where the stack is an ordinary thread's, so the limit is the checker's, not the test host's.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Runtime.LoadText(text.ToString());
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        var refused = Assert.IsType<ComponentFormatException>(failure);
        Assert.Contains("type nesting is too deep", refused.Message);
    }
}
