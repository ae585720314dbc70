using WitBindgen.Runtime.Binary;

namespace WitBindgen.Runtime.Validation;

/// <summary>
/// The typing rules of annotated names (Binary.md, "Import and Export Definitions"): <c>[constructor]r</c>,
/// <c>[method]r.f</c> and <c>[static]r.f</c> name only functions, and <c>r</c> is the label of a resource type
/// imported (or exported) before, in the same scope. A constructor returns <c>(own $R)</c> or
/// <c>(result (own $R) (error E)?)</c> and a method takes <c>(param "self" (borrow $R))</c> first, where
/// <c>$R</c> is the resource type labeled <c>r</c>: the type index that import or export introduced (or a
/// transitive alias of it).
/// </summary>
internal static class AnnotatedNames
{
    /// <summary>Checks one import or export whose (valid) name may be annotated.</summary>
    /// <param name="names">The imports or exports of the scope, up to this one.</param>
    /// <param name="name">The name.</param>
    /// <param name="sort">The sort of the import or export.</param>
    /// <param name="functionType">For a function, resolves its function type.</param>
    /// <param name="offset">The offset of the definition.</param>
    /// <exception cref="ComponentFormatException">A rule is broken.</exception>
    public static void Check(ExternNamespace names, ExternName name, Sort sort, Func<ResolvedType> functionType, int offset)
    {
        if (name.Kind is not (ExternNameKind.Constructor or ExternNameKind.Method or ExternNameKind.Static))
        {
            return;
        }

        var what = $"{names.Kind} name `{name.Name}` is not valid";
        if (sort != Sort.Function)
        {
            throw ComponentValidator.Invalid($"{what}: it is not a func (its sort is {sort.ToText()}), and only functions have annotated names", offset);
        }

        var resource = name.ResourceName!;
        if (name.Kind == ExternNameKind.Static)
        {
            if (!names.HasResource(resource))
            {
                throw ComponentValidator.Invalid(
                    $"{what}: static resource name is not known in this context (no resource type is {Past(names)} as `{resource}` before it)", offset);
            }

            return;
        }

        var type = functionType();
        if (type.Definition is not FunctionType function)
        {
            throw ComponentValidator.Invalid($"{what}: its type is not a function type but {type.Describe()}", offset);
        }

        if (name.Kind == ExternNameKind.Constructor)
        {
            var returned = function.Result is { } result ? Owned(type.ResolveValueType(result)) : null;
            if (function.Result is null)
            {
                throw ComponentValidator.Invalid(
                    $"{what}: a constructor should return one value, `(own $T)` or `(result (own $T))` where $T is the resource type `{resource}`", offset);
            }

            if (returned is null)
            {
                throw ComponentValidator.Invalid(
                    $"{what}: function should return `(own $T)` or `(result (own $T))` where $T is the resource type `{resource}`", offset);
            }

            CheckResource(names, returned.Value, resource, what, offset);
            return;
        }

        if (function.Parameters.Count == 0)
        {
            throw ComponentValidator.Invalid($"{what}: function should have at least one argument, `self`", offset);
        }

        var self = function.Parameters[0];
        if (self.Name != "self")
        {
            throw ComponentValidator.Invalid($"{what}: function should have a first argument called `self`, not `{self.Name}`", offset);
        }

        var selfType = type.ResolveValueType(self.Type);
        if (selfType.Definition is not BorrowType borrow)
        {
            throw ComponentValidator.Invalid(
                $"{what}: function should take a first argument of `(borrow $T)` where $T is the resource type `{resource}`", offset);
        }

        CheckResource(names, (selfType.Scope, borrow.ResourceTypeIndex), resource, what, offset);
    }

    /// <summary>The resource of <c>(own $R)</c> or <c>(result (own $R) ...)</c>: the scope and index of <c>$R</c>.</summary>
    private static (TypeScope Scope, uint Index)? Owned(ResolvedType returned)
    {
        if (returned.Definition is ResultType { Ok: { } ok })
        {
            returned = returned.ResolveValueType(ok);
        }

        return returned.Definition is OwnType own ? (returned.Scope, own.ResourceTypeIndex) : null;
    }

    private static void CheckResource(ExternNamespace names, (TypeScope Scope, uint Index) resource, string expected, string what, int offset)
    {
        var label = names.ResourceLabel(resource.Scope.TypeOrigin(resource.Index));
        if (label is null)
        {
            throw ComponentValidator.Invalid(
                $"{what}: resource used in function does not have a name in this context (it is not a resource type {Past(names)} before, in the same scope)",
                offset);
        }

        if (label != expected)
        {
            throw ComponentValidator.Invalid(
                $"{what}: function does not match expected resource name `{label}` (its resource type is {Past(names)} as `{label}`, not `{expected}`)",
                offset);
        }
    }

    private static string Past(ExternNamespace names) => names.Kind + "ed";
}
