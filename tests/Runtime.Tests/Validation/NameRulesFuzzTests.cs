using WitBindgen.Runtime.Binary;
using WitBindgen.Runtime.Validation;
using Xunit;

namespace WitBindgen.Runtime.Tests.Validation;

/// <summary>
/// Mutates a valid component full of names (with a fixed seed) and checks that the rules on names, on whatever
/// still reads, only ever fail with <see cref="ComponentFormatException"/>.
/// </summary>
public class NameRulesFuzzTests
{
    private const string Seed = """
        (component
          (import "r" (type $r (sub resource)))
          (import "[constructor]r" (func (param "x" u32) (result (result (own $r) (error string)))))
          (import "[method]r.get" (func (param "self" (borrow $r)) (result u32)))
          (import "[static]r.count" (func (result u32)))
          (import "wasi:io/streams@0.2.0" (instance
            (export "stream" (type $s (sub resource)))
            (export "[method]stream.read" (func (param "self" (borrow $s)) (param "n" u64) (result (list u8))))))
          (type $rec (record (field "a-b" u8) (field "C" u8)))
          (type $var (variant (case "none") (case "some" $rec)))
          (type (enum "x" "y"))
          (type (flags "read" "write"))
          (type (component
            (import "h" (type $h (sub resource)))
            (import "[method]h.m" (func (param "self" (borrow $h))))
            (export "k" (type $k (sub resource)))
            (export "[constructor]k" (func (result (own $k))))
            (export "i" (instance
              (export "t" (type $t (sub resource)))
              (export "[static]t.make" (func (result (own $t))))))))
          (type $res (resource (rep i32)))
          (export $res2 "res" (type $res))
          (core module $m (func (export "new") (param i32) (result i32) unreachable))
          (core instance $i (instantiate $m))
          (func $new (param "v" u32) (result (own $res2)) (canon lift (core func $i "new")))
          (export "[constructor]res" (func $new))
          (instance (export "t" (type $res2)) (export "new" (func $new))))
        """;

    [Fact]
    public void Mutated_components_fail_only_with_format_errors()
    {
        var bytes = WatText.ToBinary(Seed);
        NameRules.Check(ComponentReader.Read(bytes)); // the seed itself is valid
        var random = new Random(20240611);
        var checkedCount = 0;
        for (var i = 0; i < 4000; i++)
        {
            var mutated = (byte[])bytes.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                mutated[random.Next(8, mutated.Length)] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)(mutated[random.Next(8, mutated.Length)] ^ (1 << random.Next(8)));
            }

            ComponentDefinition component;
            try
            {
                component = ComponentReader.Read(mutated);
            }
            catch (ComponentFormatException)
            {
                continue;
            }

            checkedCount++;
            try
            {
                NameRules.Check(component);
            }
            catch (ComponentFormatException e)
            {
                Assert.InRange(e.Offset, 0, mutated.Length);
            }
            catch (Exception e)
            {
                Assert.Fail($"checking the names of {Convert.ToHexString(mutated)} threw {e}");
            }
        }

        // Enough mutations read to make the test mean something.
        Assert.True(checkedCount > 400, $"only {checkedCount} mutated components read");
    }
}
