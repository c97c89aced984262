using System.Text;

namespace Vigie.Media.Rtsp;

/// <summary>
/// An RTSP request about to be sent (RFC 2326 §6). The connection adds CSeq, User-Agent, Session and
/// Authorization; the request carries only what is specific to the method.
/// </summary>
public sealed class RtspRequest
{
    public RtspRequest(string method, Uri uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(uri);
        Method = method;
        Uri = uri;
    }

    public string Method { get; }

    public Uri Uri { get; }

    public RtspHeaders Headers { get; } = new();

    /// <summary>The request URI as sent: never with user information (credentials go in Authorization only).</summary>
    public string RequestUri => StripUserInfo(Uri);

    /// <summary>"DESCRIBE rtsp://host/path" without credentials, for errors and logs.</summary>
    public string Describe() => $"{Method} {RequestUri}";

    /// <summary>Serialises the request line and headers (RFC 2326 §6.1); requests sent here have no body.</summary>
    public byte[] Encode(int cseq, IEnumerable<KeyValuePair<string, string>> connectionHeaders)
    {
        ArgumentNullException.ThrowIfNull(connectionHeaders);
        var text = new StringBuilder(256);
        text.Append(Method).Append(' ').Append(RequestUri).Append(" RTSP/1.0\r\n");
        text.Append("CSeq: ").Append(cseq).Append("\r\n");
        foreach (var (name, value) in connectionHeaders.Concat(Headers.Entries))
        {
            // A header value with a line break would let a caller inject headers: refuse it.
            if (value.AsSpan().ContainsAny('\r', '\n') || name.AsSpan().ContainsAny('\r', '\n', ':'))
            {
                throw new ArgumentException($"Header '{name}' contains a line break or colon.");
            }

            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string StripUserInfo(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.OriginalString.Length > 0 && uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.ToString();
        }

        return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri;
    }
}
