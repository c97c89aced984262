namespace Vigie.Domain.Alarms.Handling;

/// <summary>
/// The unit an operator handles. Opened by a signal (<see cref="AlarmOpening"/>); the signals stay append-only
/// and are attached to it: a further signal of the same site and zone while it is open is folded in (counted),
/// a restore marks it "rétabli" without closing it. One person holds it at a time (<see cref="Take"/>); every
/// change returns the sentence the main courante records (<see cref="AlarmChange"/>). The rules that need no
/// I/O live here; who may act (site, role) is checked by the caller's actor first.
/// </summary>
public sealed class Alarm
{
    public const int MaxSummaryLength = 2000;

    private Alarm()
    {
        HeldByName = string.Empty;
        Title = string.Empty;
    }

    private Alarm(AlarmSignal signal, DateTimeOffset at)
    {
        SiteId = signal.SiteId;
        Category = signal.Category;
        Zone = signal.Zone;
        Priority = signal.Priority;
        Title = signal.French;
        FirstSignalId = signal.Id;
        SignalCount = 1;
        OpenedAt = at;
        LastSignalAt = at;
        UnknownAccount = signal.UnknownAccount;
        Account = signal.Account;
        VerificationUrl = signal.VerificationUrl;
        HeldByName = string.Empty;
        State = AlarmState.New;
    }

    public long Id { get; private set; }

    public SiteId? SiteId { get; private set; }

    public AlarmCategory Category { get; private set; }

    public string? Zone { get; private set; }

    /// <summary>1 is the most urgent.</summary>
    public int Priority { get; private set; }

    /// <summary>Why a supervisor changed the priority, when one did.</summary>
    public string? PriorityReason { get; private set; }

    /// <summary>What the opening signal said (French), shown in the queue.</summary>
    public string Title { get; private set; }

    public long FirstSignalId { get; private set; }

    public int SignalCount { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset LastSignalAt { get; private set; }

    /// <summary>Rétabli: a restore of the same site and zone came while it was open.</summary>
    public bool Restored { get; private set; }

    public bool UnknownAccount { get; private set; }

    /// <summary>The transmitter's account, when the signal came from one.</summary>
    public string? Account { get; private set; }

    /// <summary>The verification video or picture the panel pointed to, the latest one sent.</summary>
    public string? VerificationUrl { get; private set; }

    public AlarmState State { get; private set; }

    public PersonId? HeldBy { get; private set; }

    public string HeldByName { get; private set; }

    public DateTimeOffset? FirstTakenAt { get; private set; }

    /// <summary>Who picked it up first (the pick-up time's operator, for the indicators).</summary>
    public string? FirstTakenByName { get; private set; }

    public string? ParkReason { get; private set; }

    public DateTimeOffset? RemindAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public AlarmVerdict? Verdict { get; private set; }

    public FalseAlarmCause? Cause { get; private set; }

    public string? Summary { get; private set; }

    /// <summary>0: none; 1: supervisors alerted (not picked up within the delay); 2: every operator of the site (twice the delay).</summary>
    public int Escalation { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>The major incident the alarm is part of, when it was linked to one.</summary>
    public long? IncidentId { get; private set; }

    public bool IsOpen => State != AlarmState.Closed;

    public static Alarm Open(AlarmSignal signal, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return new Alarm(signal, at);
    }

    public void AssignStoredId(long id) => Id = id;

    /// <summary>The main-courante sentence of the opening, once the alarm has its id.</summary>
    public AlarmChange Opened() => new(this,
        $"Alarme #{Id} ouverte : {Title}{(Zone is null ? string.Empty : $", zone {Zone}")}{(UnknownAccount ? $", compte inconnu {Account}" : string.Empty)} (priorité {Priority}).");

    /// <summary>
    /// True when <paramref name="signal"/> belongs to this open alarm: same site and same zone (for an unknown
    /// account, which has no site, the same account).
    /// </summary>
    public bool Folds(AlarmSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return IsOpen
            && signal.SiteId == SiteId
            && string.Equals(signal.Zone ?? string.Empty, Zone ?? string.Empty, StringComparison.Ordinal)
            && (SiteId is not null || string.Equals(signal.Account, Account, StringComparison.Ordinal));
    }

    /// <summary>
    /// Attaches a further signal: counted; a restore marks the alarm rétabli (a main-courante sentence); a
    /// more urgent one raises the priority. A plain repeat has no sentence: the signal itself is the record,
    /// and a panel repeating every second must not flood the main courante.
    /// </summary>
    public AlarmChange Fold(AlarmSignal signal, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!Folds(signal))
        {
            throw new InvalidOperationException("This signal does not belong to this alarm.");
        }

        SignalCount++;
        LastSignalAt = at;
        if (signal.IsRestore)
        {
            Restored = true;
            return new AlarmChange(this, $"Alarme #{Id} : rétablissement reçu ({signal.French}), l'alarme reste ouverte.");
        }

        if (signal.VerificationUrl is { } url)
        {
            VerificationUrl = url;
        }

        if (signal.Priority < Priority)
        {
            var before = Priority;
            Priority = signal.Priority;
            return new AlarmChange(this, $"Alarme #{Id} : priorité {before} → {Priority} ({signal.French}).");
        }

        return new AlarmChange(this, null);
    }

    /// <summary>
    /// Raises the escalation to <paramref name="level"/> (1: supervisors, 2: every operator of the site) while the
    /// alarm waits for someone; null when it is taken, closed or already at that level.
    /// </summary>
    public AlarmChange? Escalate(int level, TimeSpan waited, DateTimeOffset at)
    {
        if (State is AlarmState.Held or AlarmState.Closed || level <= Escalation || level is < 1 or > 2)
        {
            return null;
        }

        Escalation = level;
        EscalatedAt = at;
        var minutes = Math.Round(waited.TotalMinutes, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new AlarmChange(this, level == 1
            ? $"Alarme #{Id} non prise en charge après {minutes} min : superviseurs alertés."
            : $"Alarme #{Id} toujours pas prise en charge après {minutes} min : tous les opérateurs du site alertés.");
    }

    /// <summary>Links the alarm into a major incident (or out of it, with null).</summary>
    public void LinkIncident(long? incidentId) => IncidentId = incidentId;

    /// <summary>Prise en charge. Refused (<c>alarm.held</c>, naming the holder) while someone else holds it; taking it again is harmless.</summary>
    public AlarmChange Take(PersonId person, string name, DateTimeOffset at)
    {
        DemandOpen();
        if (State == AlarmState.Held && HeldBy == person)
        {
            return new AlarmChange(this, null);
        }

        DemandNotHeldByAnother(person);
        Hold(person, name);
        if (FirstTakenAt is null)
        {
            FirstTakenAt = at;
            FirstTakenByName = HeldByName;
        }

        ParkReason = null;
        RemindAt = null;
        return new AlarmChange(this, $"Alarme #{Id} prise en charge par {name}.");
    }

    /// <summary>The holder lets it go: nouvelle again, for anyone of the site.</summary>
    public AlarmChange Release(PersonId person)
    {
        DemandHolder(person);
        var name = HeldByName;
        State = AlarmState.New;
        HeldBy = null;
        HeldByName = string.Empty;
        return new AlarmChange(this, $"Alarme #{Id} relâchée par {name}.");
    }

    /// <summary>En attente, with why and when to be reminded.</summary>
    public AlarmChange Park(PersonId person, string reason, DateTimeOffset remindAt, DateTimeOffset at)
    {
        DemandHolder(person);
        reason = Guard.Text(reason, nameof(ParkReason), "alarm.park_reason_required");
        if (remindAt <= at)
        {
            throw new DomainException("alarm.remind_in_past", "The reminder must be later than now.", nameof(RemindAt));
        }

        var name = HeldByName;
        State = AlarmState.Parked;
        HeldBy = null;
        HeldByName = string.Empty;
        ParkReason = reason;
        RemindAt = remindAt;
        return new AlarmChange(this, $"Alarme #{Id} mise en attente par {name} : {reason}.");
    }

    /// <summary>The holder hands it to a named colleague (who holds it from now on).</summary>
    public AlarmChange Transfer(PersonId person, PersonId to, string toName)
    {
        DemandHolder(person);
        var from = HeldByName;
        Hold(to, toName);
        return new AlarmChange(this, $"Alarme #{Id} transférée par {from} à {toName}.");
    }

    /// <summary>A supervisor gives it to someone, whoever holds it.</summary>
    public AlarmChange Reassign(string supervisorName, PersonId to, string toName)
    {
        DemandOpen();
        var from = State == AlarmState.Held ? HeldByName : null;
        Hold(to, toName);
        return new AlarmChange(this, from is null
            ? $"Alarme #{Id} attribuée à {toName} par {supervisorName}."
            : $"Alarme #{Id} réattribuée de {from} à {toName} par {supervisorName}.");
    }

    /// <summary>A supervisor changes the priority, with a reason.</summary>
    public AlarmChange OverridePriority(string supervisorName, int priority, string reason)
    {
        DemandOpen();
        if (priority is < AlarmPriorities.Highest or > AlarmPriorities.Lowest)
        {
            throw new DomainException("alarm.priority_invalid", $"A priority is {AlarmPriorities.Highest} to {AlarmPriorities.Lowest}.", nameof(Priority));
        }

        reason = Guard.Text(reason, nameof(PriorityReason), "alarm.priority_reason_required");
        var before = Priority;
        Priority = priority;
        PriorityReason = reason;
        return new AlarmChange(this, $"Alarme #{Id} : priorité {before} → {priority} par {supervisorName} ({reason}).");
    }

    /// <summary>Clôture by its holder, with the verdict (and the cause of a false alarm) and a summary.</summary>
    public AlarmChange Close(PersonId person, AlarmVerdict verdict, FalseAlarmCause? cause, string summary, DateTimeOffset at)
    {
        DemandHolder(person);
        summary = summary?.Trim() ?? string.Empty;
        if (summary.Length is 0 or > MaxSummaryLength)
        {
            throw new DomainException("alarm.summary_required", $"The closure needs a summary of 1 to {MaxSummaryLength} characters.", nameof(Summary));
        }

        if (!Enum.IsDefined(verdict))
        {
            throw new DomainException("alarm.verdict_invalid", "Unknown verdict.", nameof(Verdict));
        }

        if (verdict == AlarmVerdict.FalseAlarm && cause is null)
        {
            throw new DomainException("alarm.cause_required", "A false alarm needs its cause.", nameof(Cause));
        }

        var name = HeldByName;
        State = AlarmState.Closed;
        ClosedAt = at;
        Verdict = verdict;
        Cause = verdict == AlarmVerdict.FalseAlarm ? cause : null;
        Summary = summary;
        return new AlarmChange(this, $"Alarme #{Id} clôturée par {name} : {VerdictFrench(verdict, Cause)}. {summary}");
    }

    public static string VerdictFrench(AlarmVerdict verdict, FalseAlarmCause? cause) => verdict switch
    {
        AlarmVerdict.FalseAlarm => $"fausse alarme ({cause switch
        {
            FalseAlarmCause.Animal => "animal",
            FalseAlarmCause.Weather => "météo",
            FalseAlarmCause.UserError => "erreur utilisateur",
            FalseAlarmCause.TechnicalFault => "défaut technique",
            _ => "cause inconnue",
        }})",
        AlarmVerdict.DoubtLifted => "doute levé",
        _ => "doute avéré",
    };

    private void Hold(PersonId person, string name)
    {
        State = AlarmState.Held;
        HeldBy = person;
        HeldByName = Guard.Text(name, nameof(HeldByName), "alarm.holder_name_required");
    }

    private void DemandOpen()
    {
        if (State == AlarmState.Closed)
        {
            throw DomainException.Conflict("alarm.closed", $"Alarm #{Id} is already closed.");
        }
    }

    private void DemandNotHeldByAnother(PersonId person)
    {
        if (State == AlarmState.Held && HeldBy != person)
        {
            throw DomainException.Conflict("alarm.held", $"Alarm #{Id} is held by {HeldByName}.");
        }
    }

    /// <summary>Throws unless <paramref name="person"/> holds this open alarm: only its holder acts on it.</summary>
    public void DemandHeldBy(PersonId person) => DemandHolder(person);

    private void DemandHolder(PersonId person)
    {
        DemandOpen();
        if (State != AlarmState.Held)
        {
            throw DomainException.Conflict("alarm.not_held", $"Alarm #{Id} is not held: take it first.");
        }

        DemandNotHeldByAnother(person);
    }
}

/// <summary>
/// What a change did: the alarm, the main-courante sentence (null when nothing changed) and what the entry
/// references besides the alarm (an attachment, a camera…).
/// </summary>
public sealed record AlarmChange(Alarm Alarm, string? French, string? References = null);
