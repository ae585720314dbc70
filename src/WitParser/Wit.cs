using WitBindgen.WitParser.Diagnostics;
using WitBindgen.WitParser.Model;
using WitBindgen.WitParser.Resolution;

namespace WitBindgen.WitParser;

/// <summary>
/// The entry points of the WIT front end. Inputs never throw for bad WIT: the result carries
/// either the resolved model or a diagnostic rendered like the reference parser.
/// </summary>
public static class Wit
{
    /// <summary>
    /// Loads a single <c>.wit</c> file, or a package directory with its <c>deps/</c> folder.
    /// </summary>
    public static WitLoadResult Load(string path, WitOptions? options = null)
    {
        options ??= new WitOptions();
        return Run(options, loader => loader.PushPath(path));
    }

    /// <summary>Parses WIT text held in memory as one file named <paramref name="path"/>.</summary>
    public static WitLoadResult Parse(string path, string text, WitOptions? options = null)
    {
        options ??= new WitOptions();
        return Run(options, loader => loader.PushText(path, text));
    }

    private static WitLoadResult Run(WitOptions options, Func<WitLoader, PackageId> load)
    {
        var resolve = new WitResolve();
        var builder = new ResolveBuilder(resolve, options.Features, options.AllFeatures);
        var loader = new WitLoader(builder, options.FileSystem);
        try
        {
            var main = load(loader);
            return WitLoadResult.Ok(resolve, main);
        }
        catch (WitError e)
        {
            return WitLoadResult.Failed(e.ToDiagnostic());
        }
        catch (InsufficientExecutionStackException)
        {
            return WitLoadResult.Failed(new WitError("input is nested too deeply").ToDiagnostic());
        }
        catch (IOException e)
        {
            return WitLoadResult.Failed(new WitError($"failed to read WIT input: {e.Message}").ToDiagnostic());
        }
        catch (UnauthorizedAccessException e)
        {
            return WitLoadResult.Failed(new WitError($"failed to read WIT input: {e.Message}").ToDiagnostic());
        }
    }
}
