using Fixtures.Collections.Collections;
using Fixtures.Echoes.Echoes;
using Fixtures.Echoes.Types;
using WitBindgen.Runtime;
using Xunit;

namespace WitBindgen.Bindings.Tests;

/// <summary>
/// Exceptions from generated bindings speak WIT: they name the WIT function, parameter, field, case, type and world
/// the caller wrote, not the generated code's internals (<c>Parameter 'v'</c>, <c>component instance 'root'</c>).
/// </summary>
public sealed class MessageTests : IDisposable
{
    private readonly EchoHost _host = new();
    private readonly EchoesWorld _world;

    public MessageTests() => _world = EchoesWorld.Instantiate(Fixture.Echoes, _host.Imports());

    public void Dispose() => _world.Dispose();

    [Fact]
    public void A_null_argument_names_the_WIT_parameter_and_function()
    {
        var e = Assert.Throws<ArgumentNullException>(() => _world.EchoString(null!));
        Assert.Equal("x", e.ParamName);
        Assert.Equal("parameter 'x' of function 'echo-string' must not be null (Parameter 'x')", e.Message);

        var list = Assert.Throws<ArgumentNullException>(() => _world.EchoStrings(null!));
        Assert.StartsWith("parameter 'x' of function 'echo-strings' must not be null", list.Message);
        var variant = Assert.Throws<ArgumentNullException>(() => _world.EchoShape(null!));
        Assert.StartsWith("parameter 'x' of function 'echo-shape' must not be null", variant.Message);
    }

    [Fact]
    public void A_null_inside_a_value_names_where_it_is()
    {
        Assert.Equal("an element of a list must not be null", Assert.Throws<ArgumentNullException>(() => _world.EchoStrings(["a", null!])).Message);
        Assert.Equal(
            "the payload of case 'named' of variant 'shape' must not be null",
            Assert.Throws<ArgumentNullException>(() => _world.EchoShape(new Shape.Named(null!))).Message);
        Assert.Equal("element 2 of a tuple must not be null", Assert.Throws<ArgumentNullException>(() => _world.EchoTuple((1, null!, 2.0))).Message);
        Assert.Equal(
            "the error payload of a result must not be null",
            Assert.Throws<ArgumentNullException>(() => _world.EchoResult(Result<uint, string>.FromErr(null!))).Message);

        using var collections = CollectionsWorld.Instantiate(Fixture.Collections, new CollectionsWorld.Imports(new UnusedCollectionHost()));
        var inventory = new Inventory(null!, [1, 2, 3, 4]);
        Assert.Equal("field 'counts' of record 'inventory' must not be null", Assert.Throws<ArgumentNullException>(() => collections.EchoInventory(inventory)).Message);
    }

    [Fact]
    public void An_enum_value_that_names_no_case_names_the_enum()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _world.EchoColor((Color)42));
        Assert.Equal("42 is not a case of enum 'color'", e.Message);
    }

    [Fact]
    public void A_fixed_length_list_of_another_length_names_the_WIT_type()
    {
        using var collections = CollectionsWorld.Instantiate(Fixture.Collections, new CollectionsWorld.Imports(new UnusedCollectionHost()));
        var e = Assert.Throws<ArgumentException>(() => collections.Reverse([1, 2, 3]));
        Assert.Equal("a list<u32, 4> has exactly 4 elements, not 3", e.Message);
    }

    [Fact]
    public void A_disposed_instance_names_its_world()
    {
        var world = EchoesWorld.Instantiate(Fixture.Echoes, new EchoHost().Imports());
        world.Dispose();
        var e = Assert.Throws<ObjectDisposedException>(() => world.EchoU32(1));
        Assert.Equal("echoes", e.ObjectName);
        Assert.StartsWith("the instance of world 'echoes' has been disposed", e.Message);
    }

    [Fact]
    public void A_host_import_returning_null_is_named_to_the_caller()
    {
        _host.ReverseOverride = _ => null!;
        var e = Assert.Throws<InvalidOperationException>(() => _world.RelayReverse(["a"]));
        Assert.Equal("the host implementation of function 'reverse' of interface 'test:echoes/host' returned null, which its WIT result type does not allow", e.Message);
    }

    [Fact]
    public void A_host_import_returning_a_list_with_a_null_element_is_refused()
    {
        _host.ReverseOverride = _ => ["a", null!];
        var e = Assert.Throws<ArgumentNullException>(() => _world.RelayReverse(["a"]));
        Assert.Equal("an element of a list must not be null", e.Message);
    }

    [Fact]
    public void A_missing_import_implementation_names_the_imported_interface()
    {
        var e = Assert.Throws<ArgumentNullException>(() => new EchoesWorld.Imports(null!, _host));
        Assert.StartsWith("the implementation of the imported interface 'test:echoes/host' must not be null", e.Message);
    }

    /// <summary>The collections world's imports, which these tests do not reach.</summary>
    private sealed class UnusedCollectionHost : Fixtures.Collections.Host.IHost
    {
        public uint? Lookup(IReadOnlyDictionary<string, uint> table, string key) => throw new NotSupportedException();

        public int[] Double(int[] v) => throw new NotSupportedException();
    }
}
