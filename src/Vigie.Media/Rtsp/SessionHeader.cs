using System.Globalization;

namespace Vigie.Media.Rtsp;

/// <summary>
/// The Session header (RFC 2326 §12.37): "session-id [;timeout=delta-seconds]". The identifier is sent
/// back on every later request; the timeout (default 60 s) sets the keep-alive pace.
/// </summary>
internal sealed record SessionHeader(string Id, TimeSpan? Timeout)
{
    public static SessionHeader? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            return null;
        }

        TimeSpan? timeout = null;
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].StartsWith("timeout=", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parts[i]["timeout=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds > 0)
            {
                timeout = TimeSpan.FromSeconds(seconds);
            }
        }

        return new SessionHeader(parts[0], timeout);
    }
}
