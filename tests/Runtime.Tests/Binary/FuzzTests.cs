using WitBindgen.Runtime.Binary;
using Xunit;

namespace WitBindgen.Runtime.Tests.Binary;

/// <summary>
/// Truncates and mutates valid components many times (with a fixed seed) and checks that reading, and
/// resolving what was read, only ever fails with <see cref="ComponentFormatException"/>.
/// </summary>
public class FuzzTests
{
    private const int MutationsPerComponent = 3000;

    public static TheoryData<string> Seeds => new()
    {
        "kitchen-sink",
        "resources",
        "async",
        "nested",
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Truncated_components_fail_only_with_format_errors(string seed)
    {
        var bytes = WatText.ToBinary(SeedText(seed));
        Exercise(ComponentReader.Read(bytes)); // the seed itself is valid
        var boundaries = SectionBoundaries(bytes);
        for (var length = 0; length < bytes.Length; length++)
        {
            // A prefix that ends between two sections is a valid component; every other one must be rejected.
            var rejected = ReadOnlyFormatErrors(bytes[..length]);
            Assert.Equal(boundaries.Contains(length) ? 0 : 1, rejected);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_type_and_function_of_the_seeds_resolves(string seed)
    {
        var pending = new Stack<ComponentDefinition>([ComponentReader.Read(WatText.ToBinary(SeedText(seed)))]);
        var resolved = 0;
        while (pending.TryPop(out var component))
        {
            for (var i = 0u; i < (uint)component.IndexSpaces.Types.Count; i++)
            {
                var type = component.ResolveType(i);
                foreach (var member in Members(type.Definition))
                {
                    Assert.IsAssignableFrom<DefinedValueType>(type.ResolveValueType(member).Definition);
                }

                resolved++;
            }

            for (var i = 0u; i < (uint)component.IndexSpaces.Functions.Count; i++)
            {
                Assert.IsType<FunctionType>(component.ResolveFunctionType(i).Definition);
                resolved++;
            }

            foreach (var nested in component.NestedComponents)
            {
                pending.Push(nested);
            }
        }

        Assert.True(resolved > 3);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_components_fail_only_with_format_errors(string seed)
    {
        var original = WatText.ToBinary(SeedText(seed));
        var random = new Random(StableSeed(seed));
        var rejected = 0;
        for (var i = 0; i < MutationsPerComponent; i++)
        {
            var mutated = ByteMutations.Mutate(original, random, maxRun: 8);
            rejected += ReadOnlyFormatErrors(mutated);
        }

        // Mutations past the preamble often still read (a changed index, a changed name); most do not.
        Assert.InRange(rejected, MutationsPerComponent / 10, MutationsPerComponent);
    }

    /// <summary>The offsets where the outermost component's sections start (and its end).</summary>
    private static HashSet<int> SectionBoundaries(byte[] bytes)
    {
        var boundaries = new HashSet<int>();
        var position = 8;
        while (position < bytes.Length)
        {
            boundaries.Add(position);
            position++;
            var size = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[position++];
                size |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    break;
                }
            }

            position += size;
        }

        boundaries.Add(position);
        return boundaries;
    }

    private static int StableSeed(string seed) => seed.Aggregate(17, (h, c) => (h * 31) + c);

    /// <summary>Reads and exercises the input; returns 1 when it was rejected with a format error, 0 when it read.</summary>
    private static int ReadOnlyFormatErrors(byte[] bytes)
    {
        ComponentDefinition component;
        try
        {
            component = ComponentReader.Read(bytes);
        }
        catch (ComponentFormatException e)
        {
            Assert.InRange(e.Offset, 0, bytes.Length);
            return 1;
        }
        catch (Exception e)
        {
            Assert.Fail($"reading {Convert.ToHexString(bytes)} threw {e}");
            return 0;
        }

        try
        {
            Exercise(component);
        }
        catch (Exception e)
        {
            Assert.Fail($"exercising {Convert.ToHexString(bytes)} threw {e}");
        }

        return 0;
    }

    /// <summary>Describes everything and resolves every type and function, allowing only format errors.</summary>
    private static void Exercise(ComponentDefinition component)
    {
        foreach (var item in component.Items)
        {
            _ = item.Describe();
            _ = item.ToString();
            if (item is NestedComponentItem nested)
            {
                Exercise(nested.Component);
            }
        }

        foreach (var sort in Enum.GetValues<Sort>())
        {
            foreach (var entry in component.IndexSpaces[sort])
            {
                _ = entry.ToString();
            }
        }

        for (var i = 0u; i < (uint)component.IndexSpaces.Types.Count; i++)
        {
            Resolve(() =>
            {
                var resolved = component.ResolveType(i);
                _ = resolved.Describe();
                foreach (var member in Members(resolved.Definition))
                {
                    Resolve(() => resolved.ResolveValueType(member));
                }
            });
        }

        for (var i = 0u; i < (uint)component.IndexSpaces.Functions.Count; i++)
        {
            Resolve(() => component.ResolveFunctionType(i));
        }
    }

    private static IEnumerable<ValueTypeReference> Members(DefinedType? type) => type switch
    {
        RecordType r => r.Fields.Select(f => f.Type),
        VariantType v => v.Cases.Where(c => c.Type.HasValue).Select(c => c.Type!.Value),
        ListType l => [l.Element],
        TupleType t => t.Types,
        OptionType o => [o.Type],
        FunctionType f => f.Parameters.Select(p => p.Type),
        _ => [],
    };

    private static void Resolve(Action action)
    {
        try
        {
            action();
        }
        catch (ComponentFormatException)
        {
        }
    }

    private static string SeedText(string name) => name switch
    {
        "kitchen-sink" => """
            (component $top
              (import "wasi:io/streams@0.2.0" (instance $streams
                (export "output-stream" (type $os (sub resource)))
                (export "write" (func (param "self" (borrow $os)) (param "b" (list u8)) (result (result u64 (error string)))))
              ))
              (alias export $streams "output-stream" (type $os))
              (alias export $streams "write" (func $write))
              (import "cfg" (value $cfg string))
              (core type $mt (module (export "f" (func))))
              (import "m" (core module $imported (type $mt)))
              (type $rec (record (field "a" u32) (field "b" string) (field "c" (list char))))
              (type $var (variant (case "x") (case "y" $rec)))
              (type $fl (flags "r" "w"))
              (type $en (enum "one" "two"))
              (type $tu (tuple s8 s16 s64 f32 f64 bool))
              (type $op (option $var))
              (type $fixed (list u16 3))
              (type $map (map string $rec))
              (core type (func (param i32 i64) (result f32)))
              (core module $m
                (memory (export "memory") 1)
                (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable)
                (func (export "run") (param i32 i32) (result i32) unreachable)
                (func (export "post") (param i32))
              )
              (core instance $i (instantiate $m))
              (alias core export $i "memory" (core memory $mem))
              (alias core export $i "realloc" (core func $realloc))
              (core func $lw (canon lower (func $write) (memory $mem) (realloc $realloc) string-encoding=latin1+utf16))
              (core instance $shim (export "write" (func $lw)))
              (type $ft (func (param "r" $rec) (result $op)))
              (func $run (type $ft) (canon lift (core func $i "run") (memory $mem) (realloc $realloc) (post-return (core func $i "post"))))
              (component $inner
                (import "t" (type $t (sub resource)))
                (type $h (own $t))
                (export "h" (type $h))
              )
              (instance $ii (instantiate $inner (with "t" (type $os))))
              (alias export $ii "h" (type $h))
              (start $run (value $cfg) (result (value $out)))
              (export "run" (func $run))
              (export "wasi:cli/run@0.2" (versionsuffix ".0") (instance $ii))
              (export "out" (value $out))
            )
            """,
        "resources" => """
            (component
              (core module $m
                (func (export "dtor") (param i32))
                (func (export "ctor") (param i32) (result i32) unreachable))
              (core instance $i (instantiate $m))
              (type $r (resource (rep i32) (dtor (core func $i "dtor"))))
              (core func $new (canon resource.new $r))
              (core func $drop (canon resource.drop $r))
              (core func $rep (canon resource.rep $r))
              (core instance $imports (export "new" (func $new)) (export "drop" (func $drop)) (export "rep" (func $rep)))
              (type $ctor (func (param "v" u32) (result (own $r))))
              (func $c (type $ctor) (canon lift (core func $i "ctor")))
              (export $re "r" (type $r))
              (export "[constructor]r" (func $c) (func (type $ctor)))
              (type $it (instance (export "r" (type (sub resource))) (export "[method]r.get" (func (param "self" (borrow 0)) (result u32)))))
              (import "host" (instance $host (type $it)))
              (alias export $host "[method]r.get" (func))
            )
            """,
        "async" => """
            (component
              (core module $m (memory (export "m") 1) (func (export "f") (param i32) (result i32) unreachable)
                (func (export "cb") (param i32 i32 i32) (result i32) unreachable))
              (core instance $i (instantiate $m))
              (alias core export $i "m" (core memory $mem))
              (type $s (stream u8))
              (type $fu (future string))
              (type $ft (func async (param "x" u32)))
              (func (type $ft) (canon lift (core func $i "f") async (callback (core func $i "cb"))))
              (core func (canon task.return (result u32) (memory $mem)))
              (core func (canon context.get i32 0))
              (core func (canon subtask.cancel async))
              (core func (canon stream.new $s))
              (core func (canon stream.read $s (memory $mem) async))
              (core func (canon future.write $fu (memory $mem) string-encoding=utf16))
              (core func (canon future.cancel-read $fu async))
              (core func (canon error-context.debug-message (memory $mem)))
              (core func (canon waitable-set.wait (memory $mem)))
              (core func (canon thread.yield))
              (type error-context)
            )
            """,
        _ => """
            (component $a
              (type $base (list string))
              (component $b
                (alias outer $a $base (type $base2))
                (component $c
                  (alias outer $b $base2 (type))
                  (type (component
                    (import "x" (func (param "l" 0)))
                    (export "y" (instance (export "z" (type (sub resource)))))
                  ))
                  (import "cc" (component (type 1)))
                )
                (instance (instantiate $c (with "cc" (component $c))))
              )
              (instance $bi (instantiate $b))
            )
            """,
    };
}
