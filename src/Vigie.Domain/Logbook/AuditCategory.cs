namespace Vigie.Domain.Logbook;

/// <summary>Categories of the audit journal.</summary>
public static class AuditCategory
{
    public const string SignIn = "auth.sign-in";
    public const string SignInFailed = "auth.sign-in-failed";
    public const string Lockout = "auth.lockout";
    public const string SignOut = "auth.sign-out";
    public const string SetupLinkCreated = "setup.link-created";
    public const string SetupCompleted = "setup.completed";
    public const string SiteChanged = "admin.site";
    public const string CameraChanged = "admin.camera";
    public const string PersonChanged = "admin.person";
    public const string TransmitterChanged = "admin.transmitter";
    public const string IntakeSourceChanged = "admin.intake-source";
    public const string ConsignesChanged = "admin.consignes";
    public const string ZoneCamerasChanged = "admin.zone-cameras";
    public const string EquipmentChanged = "admin.equipment";

    public const string AnalyticsRulesChanged = "admin.analytics-rules";
    public const string MasksChanged = "admin.privacy-masks";
    public const string MaskLifted = "video.mask-lifted";
    public const string AccessRequest = "privacy.access-request";
    public const string PatrolAgentChanged = "admin.patrol-agent";
    public const string ChecklistChanged = "admin.crisis-checklist";
    public const string LiveViewStarted = "video.live-start";
    public const string LiveViewStopped = "video.live-stop";
    public const string SnapshotTaken = "video.snapshot";
    public const string PlaybackStarted = "video.playback-start";
    public const string PlaybackStopped = "video.playback-stop";
    public const string ExportRequested = "video.export-requested";
    public const string ExportCompleted = "video.export-completed";
    public const string ExportFailed = "video.export-failed";
    public const string ExportDownloaded = "video.export-downloaded";
    public const string Checkpoint = "logbook.checkpoint";
}
