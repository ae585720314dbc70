using WitBindgen.Runtime.Abi;

namespace WitBindgen.Runtime.Tests.Limits;

/// <summary>
/// The test assembly's entry point, used only by <see cref="SmallStackTests"/>: a guest whose stack overflows the
/// process's thread would end the process, so the scenarios run in a child process (<c>dotnet
/// WitBindgen.Runtime.Tests.dll small-stack ...</c>) and report what they saw on standard output.
/// </summary>
public static class SmallStackProgram
{
    /// <summary>Runs a scenario named by the arguments; exits 0 when it ends as expected.</summary>
    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "small-stack")
        {
            Console.Error.WriteLine("usage: small-stack recurse|host-exception");
            return 2;
        }

        string? outcome = null;
        var thread = new Thread(() => outcome = Run(args[1]), 512 * 1024);
        thread.Start();
        thread.Join();
        Console.WriteLine(outcome);
        return outcome is not null && outcome.StartsWith("ok", StringComparison.Ordinal) ? 0 : 1;
    }

    private static string Run(string scenario)
    {
        using var runtime = new ComponentRuntime();
        try
        {
            switch (scenario)
            {
                case "recurse":
                {
                    using var instance = runtime.LoadText(LimitGuests.Time).Instantiate();
                    try
                    {
                        instance.GetFunction("recurse")!.Invoke(WitValue.U32(0));
                        return "no trap";
                    }
                    catch (ComponentTrapException e) when (e.Kind == ComponentTrapKind.StackOverflow)
                    {
                        // The instance is poisoned; the runtime carries on, on this thread too.
                        using var other = runtime.LoadText(LimitGuests.One).Instantiate();
                        var one = other.GetFunction("one")!.Invoke()[0].AsU32();
                        return $"ok {e.Kind} poisoned={instance.State.Poisoned} other={one}";
                    }
                }

                case "host-exception":
                {
                    var imports = new HostImports().DefineFunction("fail", _ => throw new InvalidTimeZoneException("from the host"));
                    using var instance = runtime.LoadText(CallsHost).Instantiate(imports);
                    try
                    {
                        instance.GetFunction("run")!.Invoke();
                        return "no exception";
                    }
                    catch (InvalidTimeZoneException e)
                    {
                        return $"ok {e.Message} on {(Thread.CurrentThread.Name ?? "caller")}";
                    }
                }

                default:
                    return $"unknown scenario {scenario}";
            }
        }
        catch (Exception e)
        {
            return $"failed: {e}";
        }
    }

    /// <summary><c>run</c> calls the host's <c>fail</c>.</summary>
    private const string CallsHost = """
        (component
          (import "fail" (func $fail))
          (core func $fail' (canon lower (func $fail)))
          (core module $m
            (import "" "fail" (func $fail))
            (func (export "run") (call $fail)))
          (core instance $i (instantiate $m (with "" (instance (export "fail" (func $fail'))))))
          (func (export "run") (canon lift (core func $i "run"))))
        """;
}
