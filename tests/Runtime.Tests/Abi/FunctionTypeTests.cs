using WitBindgen.Runtime.Abi;
using Xunit;
using static WitBindgen.Runtime.Abi.CoreValueType;

namespace WitBindgen.Runtime.Tests.Abi;

public class FunctionTypeTests
{
    [Fact]
    public void Small_signatures_pass_everything_flat()
    {
        var function = new AbiFunctionType([AbiType.U32, AbiType.String, AbiType.F64], [AbiType.U64]);
        Assert.False(function.ParametersSpilled);
        Assert.False(function.ResultsSpilled);
        Assert.Null(function.ParameterTuple);
        Assert.Equal(new[] { I32, I32, I32, F64 }, function.LiftSignature.Parameters.ToArray());
        Assert.Equal(new[] { I64 }, function.LiftSignature.Results.ToArray());
        Assert.Equal("(func (param i32 i32 i32 f64) (result i64))", function.LiftSignature.ToString());
        Assert.Equal(function.LiftSignature.ToString(), function.LowerSignature.ToString());
    }

    [Fact]
    public void Sixteen_flat_parameters_stay_flat_and_seventeen_spill()
    {
        var sixteen = new AbiFunctionType(Enumerable.Repeat<AbiType>(AbiType.U32, 16), []);
        Assert.False(sixteen.ParametersSpilled);
        Assert.Equal(16, sixteen.LiftSignature.Parameters.Length);

        var seventeen = new AbiFunctionType(Enumerable.Repeat<AbiType>(AbiType.U32, 17), []);
        Assert.True(seventeen.ParametersSpilled);
        Assert.Equal(17, seventeen.FlatParameterCount);
        Assert.Equal("(func (param i32))", seventeen.LiftSignature.ToString());
        Assert.Equal("(func (param i32))", seventeen.LowerSignature.ToString());
        Assert.Equal(68, seventeen.ParameterTuple!.Size);
    }

    [Fact]
    public void Results_beyond_one_flat_value_use_a_return_pointer_or_return_area()
    {
        var function = new AbiFunctionType([AbiType.U8], [AbiType.String]);
        Assert.True(function.ResultsSpilled);
        Assert.Equal("(func (param i32) (result i32))", function.LiftSignature.ToString());
        Assert.Equal("(func (param i32 i32))", function.LowerSignature.ToString());
        Assert.Equal(8, function.ResultTuple!.Size);

        var both = new AbiFunctionType(Enumerable.Repeat<AbiType>(AbiType.String, 9), [AbiType.U32, AbiType.U64]);
        Assert.Equal("(func (param i32) (result i32))", both.LiftSignature.ToString());
        Assert.Equal("(func (param i32 i32))", both.LowerSignature.ToString());
        Assert.Equal(16, both.ResultTuple!.Size);
        Assert.Equal(8, both.ResultTuple.Alignment);
    }

    [Fact]
    public void No_parameters_and_no_results()
    {
        var function = new AbiFunctionType([], []);
        Assert.Equal("(func)", function.LiftSignature.ToString());
        Assert.Equal("(func)", function.LowerSignature.ToString());
    }
}
