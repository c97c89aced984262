namespace Vigie.Server.Features.Alarms;

/// <summary>Reads the API's lower-case words for an enum's values (the enum's own names are accepted too).</summary>
internal static class EnumNames
{
    public static bool TryParse<T>(string? name, Func<T, string> nameOf, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(nameOf(candidate), name, StringComparison.OrdinalIgnoreCase) || string.Equals(candidate.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
