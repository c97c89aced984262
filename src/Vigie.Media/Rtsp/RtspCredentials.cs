namespace Vigie.Media.Rtsp;

/// <summary>A user name and password. <see cref="ToString"/> hides the password so it cannot reach a log by accident.</summary>
internal sealed record RtspCredentials(string UserName, string Password)
{
    public override string ToString() => $"{UserName}:***";

    /// <summary>Options first, then the URL's user information (percent-decoded), else none.</summary>
    public static RtspCredentials? From(RtspClientOptions options)
    {
        if (!string.IsNullOrEmpty(options.UserName))
        {
            return new RtspCredentials(options.UserName, options.Password ?? string.Empty);
        }

        var info = options.Uri.UserInfo;
        if (string.IsNullOrEmpty(info))
        {
            return null;
        }

        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new RtspCredentials(Uri.UnescapeDataString(info), string.Empty)
            : new RtspCredentials(Uri.UnescapeDataString(info[..colon]), Uri.UnescapeDataString(info[(colon + 1)..]));
    }
}
