namespace Vigie.Server.Hosting;

/// <summary>
/// Where a supervised background loop stands: healthy since its last step went through, or failing since
/// <see cref="FailingSince"/> with <see cref="Failures"/> steps failed in a row.
/// </summary>
/// <param name="LastError">Type of the last exception (its message is in the log, not on the anonymous /health).</param>
public sealed record LoopStatus(string Loop, int Failures, DateTimeOffset? FailingSince, string? LastError)
{
    public bool Failing => Failures > 0;
}
