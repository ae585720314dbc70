using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WitBindgen.WitParser.Model;

namespace WitBindgen.WitParser.Output;

/// <summary>
/// Writes a <see cref="WitResolve"/> as JSON in the shape the reference parser serialises a
/// resolved package set (indices into the four arenas; primitives by name).
/// </summary>
public static class WitJson
{
    /// <summary>Serialises the resolve to indented JSON.</summary>
    public static string Serialize(WitResolve resolve)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("worlds");
            foreach (var world in resolve.Worlds)
            {
                WriteWorld(w, resolve, world);
            }

            w.WriteEndArray();
            w.WriteStartArray("interfaces");
            foreach (var iface in resolve.Interfaces)
            {
                WriteInterface(w, iface);
            }

            w.WriteEndArray();
            w.WriteStartArray("types");
            foreach (var type in resolve.Types)
            {
                WriteTypeDef(w, type);
            }

            w.WriteEndArray();
            w.WriteStartArray("packages");
            foreach (var pkg in resolve.Packages)
            {
                w.WriteStartObject();
                w.WriteString("name", pkg.Name.ToString());
                WriteDocs(w, pkg.Docs);
                WriteIdMap(w, "interfaces", pkg.Interfaces.Select(p => (p.Key, p.Value.Index)));
                WriteIdMap(w, "worlds", pkg.Worlds.Select(p => (p.Key, p.Value.Index)));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteIdMap(Utf8JsonWriter w, string name, IEnumerable<(string Key, int Index)> entries)
    {
        w.WriteStartObject(name);
        foreach (var (key, index) in entries)
        {
            w.WriteNumber(key, index);
        }

        w.WriteEndObject();
    }

    private static void WriteWorld(Utf8JsonWriter w, WitResolve resolve, WitWorld world)
    {
        w.WriteStartObject();
        w.WriteString("name", world.Name);
        WriteWorldItems(w, "imports", world.Imports);
        WriteWorldItems(w, "exports", world.Exports);
        if (world.Package is { } p)
        {
            w.WriteNumber("package", p.Index);
        }

        WriteDocs(w, world.Docs);
        WriteStability(w, world.Stability);
        w.WriteEndObject();
    }

    private static void WriteWorldItems(Utf8JsonWriter w, string name, OrderedMap<WorldKey, WorldItem> items)
    {
        w.WriteStartObject(name);
        foreach (var (key, item) in items)
        {
            w.WritePropertyName(key.Name ?? $"interface-{key.Interface!.Value.Index}");
            w.WriteStartObject();
            switch (item)
            {
                case WorldInterfaceItem i:
                    w.WriteStartObject("interface");
                    w.WriteNumber("id", i.Interface.Index);
                    WriteStability(w, i.ItemStability);
                    WriteDocs(w, i.Docs);
                    w.WriteEndObject();
                    break;
                case WorldFunctionItem f:
                    w.WritePropertyName("function");
                    WriteFunction(w, f.Function);
                    break;
                case WorldTypeItem t:
                    w.WriteNumber("type", t.Type.Index);
                    break;
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteInterface(Utf8JsonWriter w, WitInterface iface)
    {
        w.WriteStartObject();
        if (iface.Name is null)
        {
            w.WriteNull("name");
        }
        else
        {
            w.WriteString("name", iface.Name);
        }

        WriteIdMap(w, "types", iface.Types.Select(p => (p.Key, p.Value.Index)));
        w.WriteStartObject("functions");
        foreach (var (name, func) in iface.Functions)
        {
            w.WritePropertyName(name);
            WriteFunction(w, func);
        }

        w.WriteEndObject();
        WriteDocs(w, iface.Docs);
        WriteStability(w, iface.Stability);
        if (iface.Package is { } p)
        {
            w.WriteNumber("package", p.Index);
        }

        w.WriteEndObject();
    }

    private static void WriteFunction(Utf8JsonWriter w, WitFunction func)
    {
        w.WriteStartObject();
        w.WriteString("name", func.Name);
        w.WritePropertyName("kind");
        switch (func.Kind)
        {
            case FunctionKind.Freestanding:
                w.WriteStringValue("freestanding");
                break;
            case FunctionKind.AsyncFreestanding:
                w.WriteStringValue("async-freestanding");
                break;
            default:
                w.WriteStartObject();
                w.WriteNumber(func.Kind switch
                {
                    FunctionKind.Method => "method",
                    FunctionKind.AsyncMethod => "async-method",
                    FunctionKind.Static => "static",
                    FunctionKind.AsyncStatic => "async-static",
                    _ => "constructor",
                }, func.Resource!.Value.Index);
                w.WriteEndObject();
                break;
        }

        w.WriteStartArray("params");
        foreach (var p in func.Params)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WritePropertyName("type");
            WriteType(w, p.Type);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (func.Result is { } result)
        {
            w.WritePropertyName("result");
            WriteType(w, result);
        }

        WriteDocs(w, func.Docs);
        WriteStability(w, func.Stability);
        w.WriteEndObject();
    }

    private static void WriteTypeDef(Utf8JsonWriter w, WitTypeDef def)
    {
        w.WriteStartObject();
        if (def.Name is null)
        {
            w.WriteNull("name");
        }
        else
        {
            w.WriteString("name", def.Name);
        }

        w.WritePropertyName("kind");
        WriteKind(w, def.Kind);
        w.WritePropertyName("owner");
        if (def.Owner.Interface is { } i)
        {
            w.WriteStartObject();
            w.WriteNumber("interface", i.Index);
            w.WriteEndObject();
        }
        else if (def.Owner.World is { } wo)
        {
            w.WriteStartObject();
            w.WriteNumber("world", wo.Index);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        WriteDocs(w, def.Docs);
        WriteStability(w, def.Stability);
        w.WriteEndObject();
    }

    private static void WriteKind(Utf8JsonWriter w, TypeDefKind kind)
    {
        if (kind is ResourceKind)
        {
            w.WriteStringValue("resource");
            return;
        }

        w.WriteStartObject();
        switch (kind)
        {
            case AliasKind a:
                w.WritePropertyName("type");
                WriteType(w, a.Target);
                break;
            case RecordKind r:
                w.WriteStartObject("record");
                w.WriteStartArray("fields");
                foreach (var f in r.Fields)
                {
                    w.WriteStartObject();
                    w.WriteString("name", f.Name);
                    w.WritePropertyName("type");
                    WriteType(w, f.Type);
                    WriteDocs(w, f.Docs);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case VariantKind v:
                w.WriteStartObject("variant");
                w.WriteStartArray("cases");
                foreach (var c in v.Cases)
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    w.WritePropertyName("type");
                    WriteOptionalType(w, c.Type);
                    WriteDocs(w, c.Docs);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case EnumKind e:
                WriteNamed(w, "enum", "cases", e.Cases);
                break;
            case FlagsKind f:
                WriteNamed(w, "flags", "flags", f.Flags);
                break;
            case TupleKind t:
                w.WriteStartObject("tuple");
                w.WriteStartArray("types");
                foreach (var x in t.Types)
                {
                    WriteType(w, x);
                }

                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case OptionKind o:
                w.WritePropertyName("option");
                WriteType(w, o.Inner);
                break;
            case ResultKind r:
                w.WriteStartObject("result");
                w.WritePropertyName("ok");
                WriteOptionalType(w, r.Ok);
                w.WritePropertyName("err");
                WriteOptionalType(w, r.Err);
                w.WriteEndObject();
                break;
            case ListKind l:
                w.WritePropertyName("list");
                WriteType(w, l.Element);
                break;
            case FixedLengthListKind fl:
                w.WriteStartArray("fixed-length-list");
                WriteType(w, fl.Element);
                w.WriteNumberValue(fl.Length);
                w.WriteEndArray();
                break;
            case MapKind m:
                w.WriteStartArray("map");
                WriteType(w, m.Key);
                WriteType(w, m.Value);
                w.WriteEndArray();
                break;
            case FutureKind f:
                w.WritePropertyName("future");
                WriteOptionalType(w, f.Payload);
                break;
            case StreamKind s:
                w.WritePropertyName("stream");
                WriteOptionalType(w, s.Payload);
                break;
            case HandleKind h:
                w.WriteStartObject("handle");
                w.WriteNumber(h.IsBorrow ? "borrow" : "own", h.Resource.Index);
                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteNamed(Utf8JsonWriter w, string kind, string list, IReadOnlyList<NamedItem> items)
    {
        w.WriteStartObject(kind);
        w.WriteStartArray(list);
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteString("name", item.Name);
            WriteDocs(w, item.Docs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOptionalType(Utf8JsonWriter w, WitType? type)
    {
        if (type is { } t)
        {
            WriteType(w, t);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void WriteType(Utf8JsonWriter w, WitType type)
    {
        if (type.IsPrimitive)
        {
            w.WriteStringValue(WitType.NameOf(type.Primitive));
        }
        else
        {
            w.WriteNumberValue(type.Id!.Value.Index);
        }
    }

    private static void WriteDocs(Utf8JsonWriter w, Docs docs)
    {
        if (docs.Contents is { } contents)
        {
            w.WriteStartObject("docs");
            w.WriteString("contents", contents);
            w.WriteEndObject();
        }
    }

    private static void WriteStability(Utf8JsonWriter w, Stability stability)
    {
        switch (stability)
        {
            case StableStability s:
                w.WriteStartObject("stability");
                w.WriteStartObject("stable");
                w.WriteString("since", s.Since.ToString());
                if (s.Deprecated is { } d)
                {
                    w.WriteString("deprecated", d.ToString());
                }

                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case UnstableStability u:
                w.WriteStartObject("stability");
                w.WriteStartObject("unstable");
                w.WriteString("feature", u.Feature);
                if (u.Deprecated is { } dep)
                {
                    w.WriteString("deprecated", dep.ToString());
                }

                w.WriteEndObject();
                w.WriteEndObject();
                break;
        }
    }
}
