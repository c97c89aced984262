using Vigie.Server.Localization;

namespace Vigie.Server.Api;

/// <summary>What a value of a given type looks like in a request, said to the person who sent the wrong one.</summary>
public static class ExpectedValue
{
    public static string Describe(Type? type, string language)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (t is not null && t.IsEnum)
        {
            var names = string.Join(", ", Enum.GetValues(t).Cast<Enum>().Select(ApiJson.NameOf));
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, UiText.In(language, "request.expected.enum"), names);
        }

        var key = t switch
        {
            null => "request.expected.value",
            _ when t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) => "request.expected.integer",
            _ when t == typeof(double) || t == typeof(float) || t == typeof(decimal) => "request.expected.number",
            _ when t == typeof(bool) => "request.expected.boolean",
            _ when t == typeof(string) => "request.expected.text",
            _ when t == typeof(Guid) => "request.expected.uuid",
            _ when t == typeof(DateOnly) => "request.expected.date",
            _ when t == typeof(DateTimeOffset) || t == typeof(DateTime) => "request.expected.instant",
            _ when t == typeof(TimeSpan) => "request.expected.duration",
            _ when t.IsArray || (t.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(t)) => "request.expected.list",
            _ => "request.expected.object",
        };
        return UiText.In(language, key);
    }
}
