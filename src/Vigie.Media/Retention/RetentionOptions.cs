using System.ComponentModel.DataAnnotations;

namespace Vigie.Media.Retention;

/// <summary>
/// When recordings are purged (configuration section <c>Retention</c>). Each camera's retention (at most 30
/// days, CSI L252-5) is set on the camera itself; these are the installation's settings. Bound and validated
/// at start.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How often expired segments are purged (and free space checked), as <c>hh:mm:ss</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Retention:Interval must be between {1} and {2} (hh:mm:ss).")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>High-water mark: under this much free space where recordings live, the oldest segments are purged first (never one under legal hold).</summary>
    [Range(typeof(long), "0", "9223372036854775807", ErrorMessage = "Retention:MinimumFreeBytes must be 0 or more.")]
    public long MinimumFreeBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
