using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigie.Media.Rtsp;

/// <summary>
/// Answers the server's challenge for every request once one has been received: Digest (RFC 2617
/// §3.2.2, MD5 or MD5-sess, qop=auth or no qop) preferred over Basic (RFC 2617 §2). The nonce is reused
/// with an incrementing nonce-count until the server sends a new one (e.g. a 401 with stale=true).
/// </summary>
internal sealed class RtspAuthenticator
{
    private readonly RtspCredentials _credentials;
    private AuthChallenge? _challenge;
    private int _nonceCount;

    public RtspAuthenticator(RtspCredentials credentials)
    {
        _credentials = credentials;
    }

    public bool HasChallenge => _challenge is not null;

    /// <summary>
    /// Takes the challenges of a 401. Returns true when retrying makes sense: the first challenge, or a
    /// stale nonce (RFC 2617 §3.2.1: the credentials were right, only the nonce expired).
    /// </summary>
    public bool Accept(IEnumerable<string> wwwAuthenticate)
    {
        AuthChallenge? basic = null;
        AuthChallenge? digest = null;
        foreach (var header in wwwAuthenticate)
        {
            var challenge = AuthChallenge.Parse(header);
            if (challenge is { IsDigest: true } && challenge["nonce"] is not null)
            {
                digest ??= challenge;
            }
            else if (challenge is { IsBasic: true })
            {
                basic ??= challenge;
            }
        }

        var chosen = digest ?? basic;
        if (chosen is null)
        {
            return false;
        }

        var first = _challenge is null;
        var stale = chosen.IsDigest && string.Equals(chosen["stale"], "true", StringComparison.OrdinalIgnoreCase);
        _challenge = chosen;
        _nonceCount = 0;
        return first || stale;
    }

    /// <summary>The Authorization header value for this request, or null before any challenge.</summary>
    public string? Authorize(string method, string uri)
    {
        var challenge = _challenge;
        if (challenge is null)
        {
            return null;
        }

        if (!challenge.IsDigest)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_credentials.UserName}:{_credentials.Password}"));
            return $"Basic {token}";
        }

        var realm = challenge["realm"] ?? string.Empty;
        var nonce = challenge["nonce"]!;
        var algorithm = challenge["algorithm"];
        var qop = ChooseQop(challenge["qop"]);
        var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var nc = (++_nonceCount).ToString("x8", CultureInfo.InvariantCulture);

        var ha1 = Md5Hex($"{_credentials.UserName}:{realm}:{_credentials.Password}");
        if (string.Equals(algorithm, "MD5-sess", StringComparison.OrdinalIgnoreCase))
        {
            ha1 = Md5Hex($"{ha1}:{nonce}:{cnonce}");
        }

        var ha2 = Md5Hex($"{method}:{uri}");
        var response = qop is null
            ? Md5Hex($"{ha1}:{nonce}:{ha2}")
            : Md5Hex($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");

        var header = new StringBuilder("Digest ");
        header.Append(CultureInfo.InvariantCulture, $"username=\"{Quote(_credentials.UserName)}\", realm=\"{Quote(realm)}\", nonce=\"{Quote(nonce)}\", uri=\"{Quote(uri)}\", response=\"{response}\"");
        if (algorithm is not null)
        {
            header.Append(CultureInfo.InvariantCulture, $", algorithm={algorithm}");
        }

        if (challenge["opaque"] is { } opaque)
        {
            header.Append(CultureInfo.InvariantCulture, $", opaque=\"{Quote(opaque)}\"");
        }

        if (qop is not null)
        {
            header.Append(CultureInfo.InvariantCulture, $", qop={qop}, nc={nc}, cnonce=\"{cnonce}\"");
        }

        return header.ToString();
    }

    /// <summary>Only qop=auth is implemented (auth-int would hash the body, and RTSP requests have none that matter).</summary>
    private static string? ChooseQop(string? offered)
    {
        if (offered is null)
        {
            return null;
        }

        foreach (var option in offered.Split(',', StringSplitOptions.TrimEntries))
        {
            if (option.Equals("auth", StringComparison.OrdinalIgnoreCase))
            {
                return "auth";
            }
        }

        return null;
    }

    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    // RFC 2617 mandates MD5; cameras speak nothing else. It protects the password in transit only as
    // much as the protocol allows, which is the point of Digest over Basic.
#pragma warning disable CA5351
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
