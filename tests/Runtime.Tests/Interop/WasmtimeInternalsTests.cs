using System.Reflection;
using Wasmtime;
using WitBindgen.Runtime.Interop;
using Xunit;

namespace WitBindgen.Runtime.Tests.Interop;

/// <summary>The start-up check of the Wasmtime .NET private members the runtime reads.</summary>
public class WasmtimeInternalsTests
{
    [Fact]
    public void The_restored_package_has_every_member_the_runtime_reads()
    {
        Assert.Empty(WasmtimeInternals.Missing);
        WasmtimeInternals.EnsureSupported();
    }

    [Fact]
    public void The_compiled_accessors_read_the_same_members_as_reflection()
    {
        // Null would mean every instantiation silently falls back to reflection.
        var readContext = Assert.IsType<Func<Store, IntPtr>>(CompiledAccessors.StoreContext);
        var newFunction = Assert.IsType<Func<Store, ulong, IntPtr, IReadOnlyList<ValueKind>, IReadOnlyList<ValueKind>, Function>>(CompiledAccessors.NewFunction);
        using var engine = new Engine();
        using var store = new Store(engine);
        Assert.Equal((IntPtr)WasmtimeInternals.StoreContext!.GetValue(store)!, readContext(store));

        var original = Function.FromCallback(store, (int x) => x + 1);
        var handle = WasmtimeInternals.FunctionHandle!.GetValue(original)!;
        var storeId = (ulong)WasmtimeInternals.ExternFuncStoreId!.GetValue(handle)!;
        var index = WasmtimeInternals.ExternFuncPrivate!.GetValue(handle) switch
        {
            IntPtr p => p,
            UIntPtr u => (IntPtr)(long)(ulong)u,
            var other => (IntPtr)Convert.ToInt64(other),
        };
        var wrapper = newFunction(store, storeId, index, [ValueKind.Int32], [ValueKind.Int32]);
        Assert.Equal(42, wrapper.Invoke(41));
    }

    [Fact]
    public void The_restored_package_is_in_the_pinned_range()
    {
        var version = Version.Parse(WasmtimeInternals.LoadedVersion);
        Assert.True(version >= new Version(50, 0, 1) && version < new Version(51, 0), $"Wasmtime {version} is outside {WasmtimeInternals.SupportedVersions}");
    }

    [Fact]
    public void The_project_pins_the_range_the_check_names()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Runtime", "Runtime.csproj"));
        Assert.Contains($"<PackageReference Include=\"Wasmtime\" Version=\"{WasmtimeInternals.SupportedVersions}\" />", project);
    }

    [Fact]
    public void A_package_that_lacks_members_is_refused_with_its_version_and_each_missing_member()
    {
        var message = WasmtimeInternals.Describe("51.2.0", ["Function.func", "Memory.memory"]);
        Assert.Contains("version 51.2.0", message);
        Assert.Contains("lacks Function.func, Memory.memory", message);
        Assert.Contains("[50.0.1, 51)", message);
    }

    [Fact]
    public void Every_looked_up_member_is_checked()
    {
        // A member added to WasmtimeInternals without a line in the start-up check would slip past it.
        var fields = typeof(WasmtimeInternals).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(MemberInfo).IsAssignableFrom(f.FieldType))
            .ToList();
        var checkedMembers = WasmtimeInternals.Checked.Select(c => c.Member).ToList();
        Assert.Equal(fields.Count, checkedMembers.Count);
        Assert.All(fields, f => Assert.Contains(f.GetValue(null), checkedMembers));
        Assert.Contains(typeof(Store).Assembly.GetType("Wasmtime.ExternFunc"), checkedMembers);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WitBindgen.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WitBindgen.sln not found above the test folder");
    }
}
