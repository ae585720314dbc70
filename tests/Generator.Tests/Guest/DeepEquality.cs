using System.Collections;
using System.Reflection;

namespace WitBindgen.Generator.Tests.Guest;

/// <summary>Structural equality of C# values from the guest assembly: arrays element by element, everything else field by field.</summary>
public static class DeepEquality
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> hold the same values.</summary>
    public static bool Equal(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        var type = a.GetType();
        if (type != b.GetType())
        {
            return false;
        }

        if (a is string || type.IsPrimitive || type.IsEnum)
        {
            return a.Equals(b);
        }

        if (a is IDictionary dictionary)
        {
            var other = (IDictionary)b;
            return dictionary.Count == other.Count && dictionary.Keys.Cast<object>().All(k => other.Contains(k) && Equal(dictionary[k], other[k]));
        }

        if (a is IList list)
        {
            var other = (IList)b;
            return list.Count == other.Count && Enumerable.Range(0, list.Count).All(i => Equal(list[i], other[i]));
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!Equal(field.GetValue(a), field.GetValue(b)))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
