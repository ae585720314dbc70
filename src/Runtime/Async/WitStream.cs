using WitBindgen.Runtime.Async;

namespace WitBindgen.Runtime;

/// <summary>Creates streams whose ends the host holds (the reader usually goes to a guest).</summary>
public static class WitStream
{
    /// <summary>Creates a stream: both ends belong to the host until one is handed to a guest.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="codec">Lifts and lowers the elements (<see cref="WitCodecs"/>, or generated).</param>
    public static (StreamReader<T> Reader, StreamWriter<T> Writer) Create<T>(WitCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var shared = new SharedCopy(isStream: true, codec.Type);
        return (new StreamReader<T>(shared, codec), new StreamWriter<T>(shared, codec));
    }
}

/// <summary>Creates futures whose ends the host holds (the reader usually goes to a guest).</summary>
public static class WitFuture
{
    /// <summary>Creates a future: both ends belong to the host until one is handed to a guest.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="codec">Lifts and lowers the value (<see cref="WitCodecs"/>, or generated).</param>
    public static (FutureReader<T> Reader, FutureWriter<T> Writer) Create<T>(WitCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var shared = new SharedCopy(isStream: false, codec.Type);
        return (new FutureReader<T>(shared, codec), new FutureWriter<T>(shared, codec));
    }
}
