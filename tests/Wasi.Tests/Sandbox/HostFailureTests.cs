using System.Reflection;
using Wasi.Filesystem.Types;
using Wasi.Io.Poll;
using Wasi.Io.Streams;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Wasi.Tests.Sandbox;

/// <summary>
/// Every WASI function made to fail inside the host: a test-only hook throws as each function starts, and the
/// function must answer with the error its result defines, or trap (<see cref="ComponentTrapKind.HostFailure"/>);
/// no other exception may reach the embedder.
/// </summary>
public sealed class HostFailureTests : IDisposable
{
    private readonly SandboxTree _tree = new();

    public static TheoryData<string> Failures => new() { "io", "out-of-memory", "overflow", "argument", "bug" };

    public void Dispose() => _tree.Dispose();

    [Theory]
    [MemberData(nameof(Failures))]
    public void Every_function_of_every_interface_and_resource_reports_a_host_failure_as_an_error_or_a_trap(string failure)
    {
        var faults = new FaultSwitch(failure);
        var config = _tree.Configure(SandboxTree.Kernel).WithStdin(new MemoryStream("input"u8.ToArray())).WithStdout(new MemoryStream());
        config.FaultInjector = faults.Enter;
        var imports = config.CreateHost().Imports;

        // One of each resource the host makes, made while nothing fails.
        var root = imports.Preopens.GetDirectories()[0].Item1;
        var file = root.OpenAt(0, "file.txt", 0, DescriptorFlags.Read | DescriptorFlags.Write).Ok;
        var stdin = imports.Stdin.GetStdin();
        var stdout = imports.Stdout.GetStdout();
        var pollable = imports.MonotonicClock.SubscribeDuration(0);
        var closed = file.ReadViaStream(0).Ok;
        file.Dispose();
        var error = ((StreamError.LastOperationFailed)closed.Read(1).Err).Value;
        var resources = new Dictionary<Type, object>
        {
            [typeof(Descriptor)] = root,
            [typeof(DirectoryEntryStream)] = root.ReadDirectory().Ok,
            [typeof(InputStream)] = stdin,
            [typeof(OutputStream)] = stdout,
            [typeof(Pollable)] = pollable,
            [typeof(global::Wasi.Io.Error.Error)] = error,
            [typeof(global::Wasi.Sockets.Network.Network)] = imports.InstanceNetwork.InstanceNetwork(),
        };

        // The interfaces, and the resources' methods (the interfaces of wasi:filesystem/types and wasi:io have only those).
        var targets = typeof(Bindings.Bindings.BindingsWorld.Imports).GetProperties()
            .Select(p => (Type: p.PropertyType, Target: p.GetValue(imports)!))
            .Concat(resources.Select(r => (Type: r.Key, Target: r.Value)))
            .ToArray();

        var called = new List<string>();
        foreach (var (type, target) in targets)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.Name != nameof(IDisposable.Dispose)))
            {
                var arguments = method.GetParameters().Select(p => Argument(p.ParameterType, resources)).ToArray();
                faults.On = true;
                object? result;
                try
                {
                    result = method.Invoke(target, arguments);
                }
                catch (TargetInvocationException e)
                {
                    var trap = Assert.IsType<ComponentTrapException>(e.InnerException);
                    Assert.Equal(ComponentTrapKind.HostFailure, trap.Kind);
                    Assert.Same(faults.Last, trap.InnerException);
                    called.Add($"{type.Name}.{method.Name}: trap");
                    continue;
                }
                finally
                {
                    faults.On = false;
                }

                AssertError(failure, $"{type.Name}.{method.Name}", result);
                called.Add($"{type.Name}.{method.Name}: error");
            }
        }

        // Every function of wasi:cli/imports@0.2.12 that a guest can reach was made to fail (75: the socket and
        // terminal resources' methods cannot be reached, since the host never makes such a resource).
        Assert.Equal(75, called.Count);
        Assert.Equal(called.Count, faults.Entered);
        _tree.AssertUntouched();
    }

    [Fact]
    public void A_guest_sees_error_codes_and_the_embedder_only_traps()
    {
        var faults = new FaultSwitch("io");
        var config = _tree.Configure(SandboxTree.Kernel);
        config.FaultInjector = faults.Enter;
        using var guest = new Hostile(config);
        var data = guest.Preopens()[0];
        faults.On = true;
        Assert.Equal(ErrorCode.Io, guest.OpenAt(data, "file.txt").Error);
        Assert.Equal(ErrorCode.Io, guest.CreateDirectoryAt(data, "made"));
        Assert.Equal(ErrorCode.Io, guest.WriteViaStream(data, 0, [1]));
        var trap = Assert.Throws<ComponentTrapException>(() => guest.Now());
        Assert.Equal(ComponentTrapKind.HostFailure, trap.Kind);
        Assert.IsType<IOException>(trap.InnerException);
    }

    [Fact]
    public void A_throwing_stream_clock_or_random_of_the_embedder_is_a_stream_error_or_a_trap()
    {
        var config = new WasiConfiguration()
            .WithStdin(new ThrowingStream())
            .WithStdout(new ThrowingStream())
            .WithWallClock(() => throw new InvalidOperationException("clock broke"))
            .WithRandom(new ThrowingRandom());
        var imports = config.CreateHost().Imports;
        Assert.IsType<StreamError.LastOperationFailed>(imports.Stdin.GetStdin().Read(10).Err);
        Assert.IsType<StreamError.LastOperationFailed>(imports.Stdout.GetStdout().BlockingWriteAndFlush([1]).Err);
        Assert.Equal(ComponentTrapKind.HostFailure, Assert.Throws<ComponentTrapException>(() => imports.WallClock.Now()).Kind);
        Assert.Equal(ComponentTrapKind.HostFailure, Assert.Throws<ComponentTrapException>(() => imports.Random.GetRandomBytes(4)).Kind);
    }

    private static void AssertError(string failure, string function, object? result)
    {
        Assert.True(result is not null, $"{function} returned nothing while failing");
        var type = result.GetType();
        Assert.True(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<,>), $"{function} returned {type} while failing");
        Assert.True((bool)type.GetProperty(nameof(Result<int, int>.IsErr))!.GetValue(result)!, $"{function} succeeded while failing");
        var error = type.GetProperty(nameof(Result<int, int>.Err))!.GetValue(result);
        switch (error)
        {
            case ErrorCode code:
                Assert.Equal(failure switch
                {
                    "out-of-memory" => ErrorCode.InsufficientMemory,
                    "overflow" => ErrorCode.Overflow,
                    "argument" => ErrorCode.Invalid,
                    _ => ErrorCode.Io,
                }, code);
                break;
            case StreamError.LastOperationFailed failed:
                Assert.Contains("injected", failed.Value.ToDebugString());
                break;
            case global::Wasi.Sockets.Network.ErrorCode socket:
                Assert.Equal(failure == "out-of-memory" ? global::Wasi.Sockets.Network.ErrorCode.OutOfMemory : global::Wasi.Sockets.Network.ErrorCode.Unknown, socket);
                break;
            default:
                Assert.Fail($"{function} failed with {error}");
                break;
        }
    }

    private static object? Argument(Type type, Dictionary<Type, object> resources)
    {
        if (resources.TryGetValue(type, out var resource))
        {
            return resource;
        }

        if (type == typeof(string))
        {
            return "file.txt";
        }

        if (type == typeof(byte[]))
        {
            return new byte[] { 1 };
        }

        if (type == typeof(Pollable[]))
        {
            return new[] { (Pollable)resources[typeof(Pollable)] };
        }

        if (type == typeof(NewTimestamp))
        {
            return new NewTimestamp.NoChange();
        }

        if (type == typeof(Result<Unit, Unit>))
        {
            return Result<Unit, Unit>.FromOk(default);
        }

        return type.IsValueType ? Activator.CreateInstance(type) : throw new InvalidOperationException($"no sample for {type}");
    }

    /// <summary>Throws an exception of one kind at the start of every WASI function while on.</summary>
    private sealed class FaultSwitch(string failure)
    {
        public bool On { get; set; }

        public int Entered { get; private set; }

        public Exception? Last { get; private set; }

        public void Enter(string function)
        {
            if (!On)
            {
                return;
            }

            Entered++;
            Last = failure switch
            {
                "io" => new IOException($"injected failure in {function}"),
                "out-of-memory" => new OutOfMemoryException($"injected failure in {function}"),
                "overflow" => new OverflowException($"injected failure in {function}"),
                "argument" => new ArgumentOutOfRangeException(function, $"injected failure in {function}"),
                _ => new NullReferenceException($"injected failure in {function}"),
            };
            throw Last;
        }
    }

    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new InvalidOperationException("flush broke");

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read broke");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("write broke");
    }

    private sealed class ThrowingRandom : System.Random
    {
        public override void NextBytes(byte[] buffer) => throw new InvalidOperationException("random broke");

        public override void NextBytes(Span<byte> buffer) => throw new InvalidOperationException("random broke");
    }
}
