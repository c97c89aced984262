namespace Vigie.Domain.Cameras;

/// <summary>How the camera reboots when the console asks (the troubleshooting's reboot step).</summary>
public enum RebootMethod
{
    /// <summary>Not configured: the step says to reboot it on site.</summary>
    None,

    /// <summary>An HTTP GET on <see cref="CameraProfile.RebootUrl"/> with the camera's credentials (digest or basic), as most cameras' CGI reboot.</summary>
    HttpGet,

    /// <summary>An HTTP POST with an empty body.</summary>
    HttpPost,

    /// <summary>ONVIF device service <c>SystemReboot</c> at <see cref="CameraProfile.RebootUrl"/> (…/onvif/device_service), WS-Security digest.</summary>
    Onvif,
}

/// <summary>
/// What the camera is configured to send, which its supervision compares against (fps and bitrate too low or too
/// high, keyframes too rare make it "dégradée"), and how the console reboots it. Every figure is optional: unset, it
/// is not checked.
/// </summary>
public sealed record CameraProfile(double? ExpectedFps, int? ExpectedBitrateKbps, double? MaxKeyframeInterval, RebootMethod Reboot, string? RebootUrl)
{
    public static readonly CameraProfile None = new(null, null, null, RebootMethod.None, null);

    /// <summary>Below this share of the expected fps, or outside this band of the expected bitrate, the camera is degraded.</summary>
    public const double FpsTolerance = 0.8;

    public const double BitrateLow = 0.5;

    public const double BitrateHigh = 2.0;

    public CameraProfile Checked()
    {
        if (ExpectedFps is { } fps && fps is <= 0 or > 240)
        {
            throw new DomainException("camera.profile_fps", "The expected frame rate must be between 0 and 240 per second.", nameof(ExpectedFps));
        }

        if (ExpectedBitrateKbps is { } kbps && kbps is <= 0 or > 200_000)
        {
            throw new DomainException("camera.profile_bitrate", "The expected bitrate must be between 1 and 200,000 kbit/s.", nameof(ExpectedBitrateKbps));
        }

        if (MaxKeyframeInterval is { } gop && gop is <= 0 or > 60)
        {
            throw new DomainException("camera.profile_keyframes", "The keyframe interval must be between 0 and 60 seconds.", nameof(MaxKeyframeInterval));
        }

        if (Reboot == RebootMethod.None)
        {
            return this with { RebootUrl = null };
        }

        if (!Uri.TryCreate(RebootUrl?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo) || RebootUrl!.Length > 500)
        {
            throw new DomainException("camera.reboot_url", "The reboot address must be an http:// or https:// address without credentials (the camera's are used).", nameof(RebootUrl));
        }

        return this with { RebootUrl = uri.ToString() };
    }
}
