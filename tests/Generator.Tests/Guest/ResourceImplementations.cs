namespace WitBindgen.Generator.Tests.Guest;

/// <summary>The C# the resources harness compiles into the guest: the component's implementations and a probe that calls the imports.</summary>
public static class ResourceImplementations
{
    /// <summary>The source.</summary>
    public const string Source = """
        #nullable enable
        namespace Test.GuestRes.Counters
        {
            using Test.GuestRes.Files;

            public sealed partial class Counter
            {
                public static int Drops;
                public static uint LastDropped;
                private uint _value;

                private Counter(uint value) => _value = value;

                public static partial Counter New(uint start) => new Counter(start);

                public partial uint Get() => _value;

                public partial void Add(Counter other) => _value += other._value;

                public partial uint Take(Counter other)
                {
                    var taken = other._value;
                    other._value = 0;
                    _value += taken;
                    return taken;
                }

                public static partial Counter Make(uint start) => new Counter(start * 10);

                partial void OnDrop()
                {
                    Drops++;
                    LastDropped = _value;
                }
            }

            public static partial class CountersExports
            {
                public static File? Kept;

                public static partial string ReadFile(File f, uint n) => (f.IsBorrowed ? "borrowed " : "owned ") + f.Read(n);

                public static partial void KeepFile(File f) => Kept = f;

                public static partial File GiveFile() => Kept!;

                public static partial (Counter, Counter) Pair(uint a, uint b) => (Counter.New(a), Counter.New(b));

                public static partial uint Sum(Counter[] counters)
                {
                    uint sum = 0;
                    foreach (var c in counters)
                    {
                        sum += c.Get();
                    }

                    return sum;
                }

                public static partial uint Spill(File a, Counter b, string c, string d, string e, string f, string g, string h, string i, string j) =>
                    (uint)(a.Read(1).Length + (c + d + e + f + g + h + i + j).Length) + b.Get();
            }
        }

        namespace Test.GuestRes.Resources
        {
            public static partial class ResourcesExports
            {
                public static partial uint BlobSize(Blob b) => b.Size() + (b.IsBorrowed ? 1000u : 0u);

                public static partial Blob NewBlob(uint size) => new Blob(size);
            }
        }

        namespace Harness
        {
            using Test.GuestRes.Files;

            public static class Probe
            {
                public static bool KeptDisposed => Test.GuestRes.Counters.CountersExports.Kept!.IsDisposed;

                public static int Drops => Test.GuestRes.Counters.Counter.Drops;

                public static uint LastDropped => Test.GuestRes.Counters.Counter.LastDropped;

                public static int Objects => Test.GuestRes.Resources.ResourcesWorld.CounterResourceTable.Count;

                public static string CallImports()
                {
                    var log = new global::System.Text.StringBuilder();
                    using (var f = new File("p"))
                    {
                        log.Append(f.Read(2)).Append(';');
                        var g = File.Open("q");
                        log.Append(FilesImports.Peek(g)).Append(';');
                        log.Append(FilesImports.Consume(g)).Append(';');
                        log.Append(g.IsDisposed).Append(';');
                        var h = FilesImports.Make("made");
                        var back = FilesImports.Maybe(h);
                        log.Append(h.IsDisposed).Append(';').Append(back!.Read(1)).Append(';');
                        log.Append(FilesImports.Maybe(null) is null).Append(';');
                        back.Dispose();
                        back.Dispose();
                        try
                        {
                            back.Read(1);
                            log.Append("read after dispose;");
                        }
                        catch (global::System.ObjectDisposedException)
                        {
                            log.Append("disposed;");
                        }
                    }

                    return log.ToString();
                }
            }
        }
        """;
}
