using System.Globalization;
using System.Runtime.CompilerServices;
using WitBindgen.Generator.Specs;
using WitBindgen.WitParser.Model;

namespace WitBindgen.Generator;

/// <summary>
/// The diagnostics the spec builder reports: an unknown world (with the package's worlds), each function left out of
/// the bindings (at its declaration, naming what cannot be bound), and a world whose bindings have nothing to bind.
/// </summary>
internal sealed partial class SpecBuilder
{
    /// <summary>What the last shape that could not be built stumbled on: the WIT type and why.</summary>
    private (string Type, string Why)? _unpassable;

    /// <summary>Above zero while shaping function signatures: type spellings report nothing then (the function is reported).</summary>
    private int _shaping;

    /// <summary>The named type whose C# declaration is being built, to place "generated as object" diagnostics.</summary>
    private WitTypeDef? _declaring;

    /// <summary>WIT0003, listing the package's worlds (and the closest name), at that world or the package header.</summary>
    private DiagnosticSpec WorldNotFound(WitPackage package, string requested)
    {
        var names = package.Worlds.Keys.ToList();
        var message = $"world '{requested}' is not defined in package {package.Name}; ";
        message += names.Count == 0 ? "the package defines no worlds" : "the package defines: " + string.Join(", ", names);
        var plain = requested.Substring(requested.IndexOf('/') + 1).Split('@')[0];
        var closest = names
            .Select(name => (Name: name, Distance: Distance(plain, name)))
            .Where(c => c.Distance <= Math.Max(1, plain.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();
        if (closest is not null)
        {
            message += $" (did you mean '{closest}'?)";
            return DiagnosticSpec.At(DiagnosticDescriptors.WorldNotFound.Id, message, _resolve[package.Worlds[closest]].Location, _unit);
        }

        return DiagnosticSpec.At(DiagnosticDescriptors.WorldNotFound.Id, message, package.Location, _unit);
    }

    /// <summary>The edit distance of two names (insertions, deletions and substitutions).</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>WIT0004 for one function left out of the bindings, at its declaration.</summary>
    private void ReportSkipped(WitFunction f, string owner, string reason) =>
        _diagnostics.Add(DiagnosticSpec.At(
            DiagnosticDescriptors.UnsupportedType.Id,
            $"the function '{f.Name}' of {owner} is left out of the bindings: {reason}",
            f.Location,
            _unit));

    /// <summary>Why a parameter or result cannot be passed, from what shaping it stumbled on.</summary>
    private string Unbindable(string what, WitType type)
    {
        var spelled = Spell(type);
        if (_unpassable is not { } found)
        {
            return $"{what} has the type '{spelled}', which cannot be bound yet";
        }

        var inner = found.Type == spelled ? string.Empty : $", which holds '{found.Type}'";
        return $"{what} has the type '{spelled}'{inner}, {found.Why}";
    }

    /// <summary>Records why a type cannot be passed (the function using it reports it) and returns no shape.</summary>
    private ShapeSpec? Unpassable(string type, string why = "which host bindings do not support yet")
    {
        _unpassable = (type, why);
        return null;
    }

    /// <summary>
    /// WIT0004 for a type with no C# mapping in a generated declaration, at that declaration, once per declaration and
    /// type; nothing while shaping function signatures (the function is reported instead).
    /// </summary>
    private string Unsupported(WitType type)
    {
        if (_shaping == 0)
        {
            var where = _declaring?.Name is { } name ? $"'{name}'" : "a generated type";
            var message = $"the WIT type '{Spell(type)}' in {where} has no C# mapping yet; it is generated as object";
            if (!_diagnostics.Any(d => d.Message == message))
            {
                _diagnostics.Add(DiagnosticSpec.At(DiagnosticDescriptors.UnsupportedType.Id, message, _declaring?.Location, _unit));
            }
        }

        return "object";
    }

    /// <summary>
    /// WIT0006 when the bindings of the world have nothing to call: every exported (or every imported) function was
    /// left out, or the world exports no function and binds no import.
    /// </summary>
    private void CheckSomethingBound(WitWorld world, WorldBindingsSpec bindings, int declaredImports, int declaredExports)
    {
        static int Bound(IEnumerable<InterfaceBindingSpec> specs) => specs.Sum(i => i.Functions.Count + i.Resources.Sum(r => r.Functions.Count));
        var boundImports = Bound(bindings.Imports);
        var boundExports = Bound(bindings.Exports);
        string? message = null;
        if (declaredExports > 0 && boundExports == 0)
        {
            message = $"none of the {Count(declaredExports)} functions the world '{world.Name}' exports can be bound (see WIT0004): {bindings.ClassName} has nothing to call";
        }
        else if (declaredImports > 0 && boundImports == 0)
        {
            message = $"none of the {Count(declaredImports)} functions the world '{world.Name}' imports can be bound (see WIT0004): the component's imports cannot be implemented through {bindings.ClassName}.Imports";
        }
        else if (declaredExports == 0 && boundImports == 0)
        {
            message = $"the world '{world.Name}' has no function to bind: {bindings.ClassName} has nothing to call and nothing to implement (only the world's types are useful)";
        }

        if (message is not null)
        {
            _diagnostics.Add(DiagnosticSpec.At(DiagnosticDescriptors.NothingBound.Id, message, world.Location, _unit));
        }

        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The WIT spelling of a type reference, for messages.</summary>
    internal string Spell(WitType type)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (type.IsPrimitive)
        {
            return type.ToString();
        }

        var def = _resolve[type.Id!.Value];
        if (def.Name is { } name)
        {
            return name;
        }

        string Optional(string kind, WitType? inner) => inner is { } t ? $"{kind}<{Spell(t)}>" : kind;
        return def.Kind switch
        {
            AliasKind alias => Spell(alias.Target),
            HandleKind handle => (handle.IsBorrow ? "borrow<" : "own<") + (_resolve[handle.Resource].Name ?? "resource") + ">",
            OptionKind option => $"option<{Spell(option.Inner)}>",
            ResultKind result => result.Ok is null && result.Err is null
                ? "result"
                : $"result<{(result.Ok is { } ok ? Spell(ok) : "_")}{(result.Err is { } err ? ", " + Spell(err) : string.Empty)}>",
            TupleKind tuple => $"tuple<{string.Join(", ", tuple.Types.Select(Spell))}>",
            ListKind list => $"list<{Spell(list.Element)}>",
            FixedLengthListKind fixedList => $"list<{Spell(fixedList.Element)}, {fixedList.Length.ToString(CultureInfo.InvariantCulture)}>",
            MapKind map => $"map<{Spell(map.Key)}, {Spell(map.Value)}>",
            FutureKind future => Optional("future", future.Payload),
            StreamKind stream => Optional("stream", stream.Payload),
            _ => def.Kind.GetType().Name.Replace("Kind", string.Empty).ToLowerInvariant(),
        };
    }
}
