using Vigie.Domain.Sites;

namespace Vigie.Domain.Cameras;

/// <summary>
/// A camera of a site. Stream credentials are held encrypted (<see cref="ProtectedPassword"/>): the
/// domain never sees the clear password, the host's protector encrypts and decrypts it.
/// </summary>
public sealed class Camera
{
    /// <summary>CSI L252-5: recordings may not be kept more than one month; Vigie caps it at 30 days.</summary>
    public const int MaxRetentionDays = LegalRetention.MaxDays;

    public const int DefaultRetentionDays = 30;

    private Camera()
    {
        Name = string.Empty;
        MainStreamUrl = string.Empty;
        SubStreamUrl = string.Empty;
        Username = string.Empty;
        ProtectedPassword = string.Empty;
    }

    public Camera(CameraId id, SiteId siteId, string name, string mainStreamUrl)
    {
        Id = id;
        SiteId = siteId;
        Name = Guard.Text(name, nameof(Name), "camera.name_required");
        MainStreamUrl = RequireRtsp(mainStreamUrl, nameof(MainStreamUrl), required: true);
        SubStreamUrl = string.Empty;
        Username = string.Empty;
        ProtectedPassword = string.Empty;
        RetentionDays = DefaultRetentionDays;
    }

    public CameraId Id { get; private set; }

    public SiteId SiteId { get; private set; }

    public string Name { get; private set; }

    public string MainStreamUrl { get; private set; }

    /// <summary>Lower-resolution stream for walls and analytics; empty when the camera has none.</summary>
    public string SubStreamUrl { get; private set; }

    public string Username { get; private set; }

    /// <summary>The stream password, encrypted at rest by the host's data protector; empty when none.</summary>
    public string ProtectedPassword { get; private set; }

    public int RetentionDays { get; private set; }

    /// <summary>The site's prefectoral authorisation names this camera (its perimeter covers it).</summary>
    public bool CoveredByAuthorisation { get; private set; }

    /// <summary>What the camera should send and how it reboots (supervision); <see cref="CameraProfile.None"/> until set.</summary>
    public CameraProfile Profile { get; private set; } = CameraProfile.None;

    public void SetProfile(CameraProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile.Checked();
    }

    public void SetCoverage(bool covered) => CoveredByAuthorisation = covered;

    /// <summary>
    /// Whether the camera may film on <paramref name="today"/>: covered by its site's authorisation, which is recorded
    /// and not expired. A camera that may not is flagged wherever it appears.
    /// </summary>
    public bool IsAuthorisedOn(Site site, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(site);
        return CoveredByAuthorisation && site.AuthorisationStateOn(today) is not (AuthorisationState.Missing or AuthorisationState.Expired);
    }

    public bool HasPassword => ProtectedPassword.Length > 0;

    public void Update(string name, string mainStreamUrl, string subStreamUrl, int retentionDays)
    {
        Name = Guard.Text(name, nameof(Name), "camera.name_required");
        MainStreamUrl = RequireRtsp(mainStreamUrl, nameof(MainStreamUrl), required: true);
        SubStreamUrl = RequireRtsp(subStreamUrl, nameof(SubStreamUrl), required: false);
        SetRetention(retentionDays);
    }

    public void SetRetention(int days) => RetentionDays = LegalRetention.Check(days, "camera", nameof(RetentionDays));

    /// <summary>Refuses a retention longer than the site's authorised period (itself at most 30 days).</summary>
    public void DemandWithin(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (RetentionDays > site.RetentionDays)
        {
            throw new DomainException(
                "camera.retention_over_site_period",
                $"Retention cannot exceed the {site.RetentionDays} days authorised for site '{site.Name}' (Code de la sécurité intérieure, article L252-5).",
                nameof(RetentionDays));
        }
    }

    /// <summary>Sets the stream credentials. <paramref name="protectedPassword"/> is already encrypted; null keeps the current one.</summary>
    public void SetCredentials(string username, string? protectedPassword)
    {
        Username = username?.Trim() ?? string.Empty;
        if (protectedPassword is not null)
        {
            ProtectedPassword = protectedPassword;
        }
    }

    private static string RequireRtsp(string? url, string field, bool required)
    {
        var trimmed = url?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return required
                ? throw new DomainException("camera.url_required", $"{field} is required.", field)
                : string.Empty;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != "rtsp" && uri.Scheme != "rtsps"))
        {
            throw new DomainException("camera.url_invalid", $"{field} must be an rtsp:// or rtsps:// address.", field);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new DomainException("camera.url_has_credentials", $"{field} must not carry credentials; use the user name and password fields.", field);
        }

        return trimmed;
    }
}
