using System.Text;
using WitBindgen.Runtime;
using WitBindgen.Runtime.Abi;
using WitBindgen.Runtime.Binary;

namespace WitBindgen.Cli.Wast;

/// <summary>What one directive of a script did.</summary>
/// <param name="Line">The directive's line.</param>
/// <param name="Kind">The directive (<c>component</c>, <c>assert_return</c>, …).</param>
/// <param name="Passed">Whether the runtime did what the script asserts.</param>
/// <param name="Detail">What happened, when it did not pass (or how it passed, for refusals).</param>
internal sealed record WastOutcome(int Line, string Kind, bool Passed, string Detail);

/// <summary>
/// Runs the directives of a Component Model <c>.wast</c> script on <see cref="ComponentRuntime"/>:
/// <c>(component …)</c> (load and instantiate), <c>(component definition $n …)</c>,
/// <c>(component instance $i $n)</c>, <c>invoke</c>, <c>assert_return</c>, <c>assert_trap</c>,
/// <c>assert_invalid</c>, <c>assert_malformed</c> and <c>assert_unlinkable</c>. Components are written as text
/// (turned into binaries by Wasmtime's text parser, with strict component indices), as <c>binary</c> strings or as
/// <c>quote</c>d text. A component that should be refused passes when loading refuses it, or instantiating does
/// before any guest code runs (a link or format error); a trap never counts as a refusal. A trap of kind
/// <see cref="ComponentTrapKind.Unsupported"/> (the runtime cannot run what the script does) never satisfies <c>assert_trap</c>.
/// </summary>
internal sealed class WastRunner : IDisposable
{
    private readonly ComponentRuntime _runtime;
    private readonly Dictionary<string, LoadedComponent> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LoadedComponent Component, ComponentInstance Instance)> _named = new(StringComparer.Ordinal);
    private readonly List<ComponentInstance> _instances = new();
    private (LoadedComponent Component, ComponentInstance Instance)? _current;

    public WastRunner(ComponentRuntime runtime) => _runtime = runtime;

    /// <summary>Runs every directive of <paramref name="script"/>, in order.</summary>
    public List<WastOutcome> Run(string script)
    {
        var outcomes = new List<WastOutcome>();
        List<SExpression> directives;
        try
        {
            directives = SExpression.ParseAll(script);
        }
        catch (FormatException e)
        {
            outcomes.Add(new WastOutcome(0, "script", false, e.Message));
            return outcomes;
        }

        foreach (var directive in directives)
        {
            var kind = Kind(directive);
            try
            {
                outcomes.Add(Execute(script, directive, kind));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                outcomes.Add(new WastOutcome(directive.Line, kind, false, $"{e.GetType().Name}: {e.Message}"));
            }
        }

        return outcomes;
    }

    public void Dispose()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }
    }

    private static string Kind(SExpression directive) => directive.Head switch
    {
        "component" when directive.Items.Count > 1 && directive.Items[1].Atom == "definition" => "component",
        "component" when directive.Items.Count > 1 && directive.Items[1].Atom == "instance" => "instance",
        { } head => head,
        null => "unknown",
    };

    private WastOutcome Execute(string script, SExpression directive, string kind)
    {
        var line = directive.Line;
        switch (directive.Head)
        {
            case "component":
                return Component(script, directive);
            case "invoke":
                Invoke(directive);
                return new WastOutcome(line, kind, true, string.Empty);
            case "assert_return":
                return AssertReturn(directive);
            case "assert_trap":
                return AssertTrap(script, directive);
            case "assert_invalid" or "assert_malformed":
                return AssertRefused(script, directive, kind);
            case "assert_unlinkable":
                return AssertUnlinkable(script, directive);
            default:
                return new WastOutcome(line, kind, false, "unknown directive");
        }
    }

    private WastOutcome Component(string script, SExpression directive)
    {
        var items = directive.Items;
        if (items.Count > 1 && items[1].Atom == "instance")
        {
            var definition = _definitions[items[3].Atom!];
            Track(items[2].Atom, definition, definition.Instantiate(new HostImports()));
            return new WastOutcome(directive.Line, "instance", true, string.Empty);
        }

        if (items.Count > 1 && items[1].Atom == "definition")
        {
            var named = items.Count > 2 && items[2] is { IsString: false, Atom: { } n } && n.StartsWith('$');
            var definition = Load(script, directive, skip: named ? 3 : 2);
            if (named)
            {
                _definitions[items[2].Atom!] = definition;
            }

            return new WastOutcome(directive.Line, "component", true, string.Empty);
        }

        var component = Load(script, directive, skip: 1);
        var id = items.Count > 1 && items[1].Atom is { } a && a.StartsWith('$') ? a : null;
        if (id is not null)
        {
            _definitions[id] = component;
        }

        Track(id, component, component.Instantiate(new HostImports()));
        return new WastOutcome(directive.Line, "component", true, string.Empty);
    }

    private void Track(string? name, LoadedComponent component, ComponentInstance instance)
    {
        _instances.Add(instance);
        _current = (component, instance);
        if (name is not null)
        {
            _named[name] = (component, instance);
        }
    }

    /// <summary>Loads the component a <c>(component …)</c> form writes; <paramref name="skip"/> items precede its body.</summary>
    private LoadedComponent Load(string script, SExpression form, int skip)
    {
        var items = form.Items;
        var at = skip;
        if (at < items.Count && items[at].Atom is { } id && id.StartsWith('$') && !items[at].IsString)
        {
            at++;
        }

        if (at < items.Count && items[at].Atom == "binary")
        {
            var bytes = items.Skip(at + 1).SelectMany(s => s.Bytes).ToArray();
            return _runtime.Load(bytes);
        }

        if (at < items.Count && items[at].Atom == "quote")
        {
            var quoted = string.Concat(items.Skip(at + 1).Select(s => s.Atom));
            return _runtime.LoadText($"(component {quoted})");
        }

        // Text: the form as written, without the script's `definition` keyword (the name stays: the text may refer to it).
        var text = items.Count > 1 && items[1].Atom == "definition"
            ? script[form.Start..items[1].Start] + script[items[1].End..form.End]
            : script[form.Start..form.End];
        return _runtime.LoadText(text);
    }

    private WitValue[] Invoke(SExpression invoke)
    {
        var items = invoke.Items;
        var at = 1;
        var target = _current ?? throw new InvalidOperationException("no component instance to invoke");
        if (items[at].Atom is { } id && id.StartsWith('$') && !items[at].IsString)
        {
            target = _named[id];
            at++;
        }

        var name = items[at].Atom!;
        var function = target.Instance.GetFunction(name) ?? throw new InvalidOperationException($"no exported function \"{name}\"");
        var type = FunctionType(target.Component.Definition, name);
        var parameters = ((FunctionType)type.Definition!).Parameters;
        var args = items.Skip(at + 1).Select((a, i) => WastValues.From(a.Items, type.ResolveValueType(parameters[i].Type))).ToArray();
        return function.Invoke(args);
    }

    private WastOutcome AssertReturn(SExpression directive)
    {
        var invoke = directive.Items[1];
        var results = Invoke(invoke);
        var target = _current!.Value;
        var name = invoke.Items.First(i => i.IsString).Atom!;
        var type = FunctionType(NamedComponent(invoke) ?? target.Component.Definition, name);
        var expected = directive.Items.Skip(2).ToList();
        var resultType = ((FunctionType)type.Definition!).Result;
        var expectedText = expected.Count == 0 || resultType is null
            ? string.Empty
            : WastValues.Show(WastValues.From(expected[0].Items, type.ResolveValueType(resultType.Value)));
        var actualText = results.Length == 0 ? string.Empty : WastValues.Show(results[0]);
        return expectedText == actualText
            ? new WastOutcome(directive.Line, "assert_return", true, string.Empty)
            : new WastOutcome(directive.Line, "assert_return", false, $"expected {expectedText}, got {actualText}");
    }

    private ComponentDefinition? NamedComponent(SExpression invoke) =>
        invoke.Items.Count > 1 && invoke.Items[1].Atom is { } id && id.StartsWith('$') && !invoke.Items[1].IsString
            ? _named[id].Component.Definition
            : null;

    private WastOutcome AssertTrap(string script, SExpression directive)
    {
        var action = directive.Items[1];
        try
        {
            if (action.Head == "invoke")
            {
                Invoke(action);
            }
            else
            {
                var component = Load(script, action, skip: 1);
                Track(null, component, component.Instantiate(new HostImports()));
            }
        }
        catch (ComponentTrapException e) when (e.Kind == ComponentTrapKind.Unsupported)
        {
            // The runtime could not run what the script does: that it trapped says nothing about the trap the script means.
            return new WastOutcome(directive.Line, "assert_trap", false, $"expected a trap, but the runtime cannot run this: {e.Message}");
        }
        catch (ComponentTrapException e)
        {
            return new WastOutcome(directive.Line, "assert_trap", true, e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new WastOutcome(directive.Line, "assert_trap", false, $"expected a trap, got {e.GetType().Name}: {e.Message}");
        }

        return new WastOutcome(directive.Line, "assert_trap", false, "expected a trap, but it returned");
    }

    private WastOutcome AssertRefused(string script, SExpression directive, string kind)
    {
        LoadedComponent component;
        try
        {
            component = Load(script, directive.Items[1], skip: 1);
        }
        catch (FormatException e)
        {
            return new WastOutcome(directive.Line, kind, true, "refused by the text parser: " + e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new WastOutcome(directive.Line, kind, true, $"refused at load: {e.GetType().Name}: {e.Message}");
        }

        try
        {
            using var instance = component.Instantiate(new HostImports());
        }
        catch (Exception e) when (e is ComponentLinkException or ComponentFormatException)
        {
            return new WastOutcome(directive.Line, kind, true, $"refused at instantiation: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new WastOutcome(directive.Line, kind, false, $"accepted, then {e.GetType().Name}: {e.Message}");
        }

        return new WastOutcome(directive.Line, kind, false, "accepted: " + Expected(directive));
    }

    private WastOutcome AssertUnlinkable(string script, SExpression directive)
    {
        var component = Load(script, directive.Items[1], skip: 1);
        try
        {
            using var instance = component.Instantiate(new HostImports());
        }
        catch (ComponentLinkException e)
        {
            return new WastOutcome(directive.Line, "assert_unlinkable", true, e.Message);
        }

        return new WastOutcome(directive.Line, "assert_unlinkable", false, "linked: " + Expected(directive));
    }

    private static string Expected(SExpression directive) =>
        directive.Items.Count > 2 && directive.Items[^1].IsString ? $"expected \"{directive.Items[^1].Atom}\"" : string.Empty;

    /// <summary>The type of the top-level exported function <paramref name="name"/>.</summary>
    private static ResolvedType FunctionType(ComponentDefinition definition, string name)
    {
        var export = definition.Exports.LastOrDefault(e => e.Name.Name == name && e.Sort == Sort.Function)
            ?? throw new InvalidOperationException($"no exported function \"{name}\"");
        return definition.ResolveFunctionType(export.Index);
    }
}
