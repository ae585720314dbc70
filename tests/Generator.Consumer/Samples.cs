using Wasi.Http.Types;
using ErrorCode = Consumer.Variants.Errors.ErrorCode;

namespace WitBindgen.Generator.Consumer;

/// <summary>Code written against the generated types: it compiles only if the generator ran under <c>dotnet build</c>.</summary>
public static class Samples
{
    /// <summary>Describes a generated variant value.</summary>
    /// <param name="error">The error.</param>
    /// <returns>A description.</returns>
    public static string Describe(ErrorCode error) => error switch
    {
        ErrorCode.Timeout => "timeout",
        ErrorCode.Io io => "io: " + io.Value,
        ErrorCode.Http http => "http " + http.Value,
        _ => "other",
    };

    /// <summary>Builds a wasi-http type.</summary>
    /// <returns>A DNS error payload.</returns>
    public static DNSErrorPayload Dns() => new("NXDOMAIN", 3);

    /// <summary>The wasi-http method variant's GET case.</summary>
    /// <returns>The method.</returns>
    public static Method Get() => new Method.Get();

    /// <summary>A type of world alpha's interface and one of world beta's (one Wit item naming both worlds).</summary>
    /// <returns>Both records.</returns>
    public static (global::Consumer.TwoWorlds.First.One, global::Consumer.TwoWorlds.Second.Two) TwoWorlds() => (new(7), new("seven"));

    /// <summary>A type of a dependency of the package directory named without its trailing slash.</summary>
    /// <returns>A size.</returns>
    public static global::Consumer.Shapes.Sizes.Size Size() => new(3, 4);
}
