namespace Vigie.Domain;

/// <summary>Input guards shared by entities; failures name the field so forms can place the error.</summary>
internal static class Guard
{
    public const int MaxNameLength = 200;

    /// <summary>Trims and returns a required, bounded text; throws naming <paramref name="field"/>.</summary>
    public static string Text(string? value, string field, string code)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException(code, $"{field} is required.", field);
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException(code.Replace("required", "too_long", StringComparison.Ordinal), $"{field} is longer than {MaxNameLength} characters.", field);
        }

        return trimmed;
    }
}
