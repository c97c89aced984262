namespace Vigie.Domain.Equipment;

/// <summary>What <see cref="FaultTracker.Step"/> asks the supervision to send.</summary>
public enum FaultAction
{
    /// <summary>Open a technical alarm: the fault lasted the raise delay.</summary>
    Raise,

    /// <summary>The fault came back before its restore was confirmed: fold one more occurrence into the alarm.</summary>
    Repeat,

    /// <summary>The fault stayed clear for the restore delay: the alarm is rétabli.</summary>
    Restore,
}

/// <summary>
/// The hold-off of one device's one fault, so that a flapping camera raises one alarm with a counter rather than a
/// hundred: a fault must last <c>raiseAfter</c> before it is raised; once raised it is restored only after it stayed
/// clear for <c>restoreAfter</c>; a return within that time is a repeat of the same alarm (counted). While the device
/// is muted (en maintenance) nothing is raised nor repeated, and a fault present when the mute ends is raised after
/// the raise delay counted from then. Pure: the caller passes the time.
/// </summary>
public sealed class FaultTracker
{
    private DateTimeOffset? _pendingSince;
    private DateTimeOffset? _clearSince;

    public FaultTracker()
    {
    }

    /// <summary>Resumes a fault raised before a restart.</summary>
    public FaultTracker(DateTimeOffset raisedAt, int count)
    {
        RaisedAt = raisedAt;
        Count = count;
    }

    /// <summary>When the alarm was raised; null while none is.</summary>
    public DateTimeOffset? RaisedAt { get; private set; }

    /// <summary>Occurrences of the fault since the alarm was raised.</summary>
    public int Count { get; private set; }

    public bool Raised => RaisedAt is not null;

    /// <summary>True when the tracker holds nothing (can be forgotten).</summary>
    public bool Idle => RaisedAt is null && _pendingSince is null;

    public FaultAction? Step(bool active, bool muted, DateTimeOffset now, TimeSpan raiseAfter, TimeSpan restoreAfter)
    {
        if (RaisedAt is null)
        {
            if (!active || muted)
            {
                _pendingSince = null;
                return null;
            }

            _pendingSince ??= now;
            if (now - _pendingSince.Value < raiseAfter)
            {
                return null;
            }

            _pendingSince = null;
            _clearSince = null;
            RaisedAt = now;
            Count = 1;
            return FaultAction.Raise;
        }

        if (active)
        {
            if (_clearSince is null)
            {
                return null;
            }

            _clearSince = null;
            if (muted)
            {
                return null;
            }

            Count++;
            return FaultAction.Repeat;
        }

        _clearSince ??= now;
        if (now - _clearSince.Value < restoreAfter)
        {
            return null;
        }

        RaisedAt = null;
        _clearSince = null;
        return FaultAction.Restore;
    }
}
