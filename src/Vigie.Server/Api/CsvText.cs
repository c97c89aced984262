using System.Globalization;
using System.Text;

namespace Vigie.Server.Api;

/// <summary>
/// CSV for spreadsheets (RFC 4180): fields quoted when they must be, never read as a formula (a leading =, +, - or @
/// is prefixed), instants in UTC ISO 8601. <see cref="Table"/> writes UTF-8 with a BOM so that spreadsheets read the accents.
/// </summary>
public static class CsvText
{
    public static string Field(string? value)
    {
        value ??= string.Empty;
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Instant(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A header line and one line per row, CRLF-terminated, each field through <see cref="Field"/>.</summary>
    public static string Table(string header, IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder("\uFEFF").Append(header).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A CSV download's bytes.</summary>
    public static byte[] Bytes(string csv) => Encoding.UTF8.GetBytes(csv);
}
