using System.ComponentModel.DataAnnotations;

namespace Vigie.Server.Hosting;

/// <summary>
/// Per-source rate of the webhook intake (configuration section <c>Alarms:Webhook</c>): a token bucket of
/// <see cref="Burst"/> messages refilled at <see cref="PermitsPerSecond"/>; past it a source gets 429 with
/// Retry-After, and the other sources are untouched. The defaults are far above what an alarm system
/// sends and far below what would slow the database for everyone.
/// </summary>
public sealed class WebhookRateOptions
{
    public const string Section = "Alarms:Webhook";

    [Range(1, 10_000)]
    public int PermitsPerSecond { get; set; } = 20;

    [Range(1, 100_000)]
    public int Burst { get; set; } = 100;
}
