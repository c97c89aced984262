namespace Vigie.Media.Rtsp;

/// <summary>
/// Resolves a=control values (RFC 2326 §C.1.1): "*" means the base itself, an absolute rtsp:// URL is
/// used as is, anything else is relative to the base. The base is Content-Base, else Content-Location,
/// else the DESCRIBE URL (§C.1.1). Relative controls are appended with a '/' rather than resolved as
/// RFC 3986 would (which replaces the last path segment when the base lacks a trailing slash): cameras
/// that send "trackID=1" under a base without the slash expect the append, and ffmpeg and live555 do the same.
/// </summary>
internal static class ControlUrl
{
    public static Uri Base(RtspResponse describe, Uri requestUri)
    {
        foreach (var header in (string[])["Content-Base", "Content-Location"])
        {
            if (describe.Headers[header] is { Length: > 0 } value)
            {
                if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var absolute))
                {
                    return absolute;
                }

                if (Uri.TryCreate(requestUri, value.Trim(), out var relative))
                {
                    return relative;
                }
            }
        }

        return requestUri;
    }

    public static Uri Resolve(Uri baseUri, string? control)
    {
        if (string.IsNullOrWhiteSpace(control) || control.Trim() == "*")
        {
            return baseUri;
        }

        var value = control.Trim();
        if (value.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var absolute)
                ? absolute
                : throw new RtspException("resolving track control URL", $"a=control '{value}' is not a valid URL");
        }

        var text = baseUri.AbsoluteUri;
        var joined = text.EndsWith('/') ? text + value.TrimStart('/') : text + "/" + value.TrimStart('/');
        return Uri.TryCreate(joined, UriKind.Absolute, out var uri)
            ? uri
            : throw new RtspException("resolving track control URL", $"a=control '{value}' does not make a valid URL");
    }
}
