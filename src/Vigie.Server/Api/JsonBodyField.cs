using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Vigie.Server.Api;

/// <summary>
/// Follows the path System.Text.Json gives a failure (<c>$.contacts[0].callOrder</c>) through the body's type to
/// name the field the way validation errors name it (<c>Contacts[0].CallOrder</c>, the C# member) and to find the
/// type the value should have had.
/// </summary>
public static class JsonBodyField
{
    /// <summary>The field of <paramref name="path"/> in a body of type <paramref name="root"/>; <c>$</c> for the body itself.</summary>
    public static (string Field, Type? Type) Resolve(Type? root, string? path, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var field = new StringBuilder();
        var type = root;
        foreach (var (name, index) in Segments(path ?? "$"))
        {
            if (index is { } i)
            {
                field.Append('[').Append(i).Append(']');
                type = ElementType(type, options);
                continue;
            }

            var property = Property(type, name!, options);
            if (field.Length > 0)
            {
                field.Append('.');
            }

            field.Append((property?.AttributeProvider as MemberInfo)?.Name ?? Capitalised(name!));
            type = property?.PropertyType;
        }

        return (field.Length == 0 ? RequestBindingFailure.BodyField : field.ToString(), type);
    }

    /// <summary>The segments of a JSON path: property names (<c>.name</c> or <c>['name']</c>) and array indexes (<c>[3]</c>).</summary>
    private static IEnumerable<(string? Name, int? Index)> Segments(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return (path[(i + 1)..end], null);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                yield return (path[(i + 2)..end], null);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i + 1);
                end = end < 0 ? path.Length : end;
                yield return (null, int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index) ? index : 0);
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    private static JsonPropertyInfo? Property(Type? type, string name, JsonSerializerOptions options)
    {
        var info = TypeInfo(type, options);
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return info?.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) : null;
    }

    private static Type? ElementType(Type? type, JsonSerializerOptions options) => TypeInfo(type, options)?.ElementType;

    private static JsonTypeInfo? TypeInfo(Type? type, JsonSerializerOptions options) =>
        type is null || options.TypeInfoResolver is null ? null : options.GetTypeInfo(type);

    private static string Capitalised(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
