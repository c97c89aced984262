namespace Vigie.Storage.Alarms;

/// <summary>
/// The last stored signal the alarm opener has handled, moved in the same transaction as the alarms it opened
/// or fed: after a crash the opener resumes from here, so no committed signal is left without its alarm and
/// none is counted twice. One row.
/// </summary>
public sealed class AlarmIntakeCursor
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public long LastSignalId { get; set; }
}
