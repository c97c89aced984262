using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;

namespace Vigie.Domain.Tests.Alarms;

public sealed class AlarmTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 22, 0, 0, TimeSpan.Zero);
    private static readonly SiteId Site = new(Guid.Parse("0192a6f0-0000-7000-8000-00000000000a"));
    private static readonly PersonId Ana = new(Guid.Parse("0192a6f0-0000-7000-8000-0000000000a1"));
    private static readonly PersonId Bob = new(Guid.Parse("0192a6f0-0000-7000-8000-0000000000b1"));

    [Theory]
    [InlineData(AlarmCategory.Intrusion, false, true)]
    [InlineData(AlarmCategory.HoldUp, false, true)]
    [InlineData(AlarmCategory.TechnicalFault, false, true)]
    [InlineData(AlarmCategory.Test, false, false)]
    [InlineData(AlarmCategory.OpeningClosing, false, false)]
    [InlineData(AlarmCategory.Intrusion, true, false)]
    public void Which_signals_open_an_alarm_by_default(AlarmCategory category, bool restore, bool opens) =>
        Assert.Equal(opens, AlarmOpening.Default.Opens(Signal(category, "003", restore)));

    [Fact]
    public void A_signal_of_an_unknown_account_opens_one_whatever_its_category()
    {
        var unknown = new AlarmSignal("dc09", T0, null, "9999", "OP", AlarmCategory.OpeningClosing, false, 6, "Ouverture", "Opening", "raw") { UnknownAccount = true };
        Assert.True(AlarmOpening.Default.Opens(unknown));
        Assert.False(new AlarmOpening(new HashSet<AlarmCategory>(), unknownAccountOpens: false).Opens(unknown));
    }

    [Fact]
    public void Signals_of_the_same_site_and_zone_fold_in_a_restore_marks_it_restored_without_closing_it()
    {
        var alarm = Alarm.Open(Signal(AlarmCategory.Intrusion, "003"), T0);

        Assert.False(alarm.Folds(Signal(AlarmCategory.Intrusion, "004")));
        var repeat = alarm.Fold(Signal(AlarmCategory.Intrusion, "003"), T0.AddSeconds(3));
        var again = alarm.Fold(Signal(AlarmCategory.HoldUp, "003", priority: 1), T0.AddSeconds(5));
        var restore = alarm.Fold(Signal(AlarmCategory.Intrusion, "003", restore: true), T0.AddSeconds(9));

        Assert.Equal(4, alarm.SignalCount);
        Assert.Null(repeat.French);
        Assert.Equal(1, alarm.Priority);
        Assert.True(alarm.Restored);
        Assert.Equal(AlarmState.New, alarm.State);
        Assert.Contains("priorité 2 → 1", again.French, StringComparison.Ordinal);
        Assert.Contains("rétablissement reçu", restore.French, StringComparison.Ordinal);
    }

    [Fact]
    public void One_person_holds_an_alarm_the_other_is_told_who()
    {
        var alarm = Alarm.Open(Signal(AlarmCategory.Intrusion, "003"), T0);
        var taken = alarm.Take(Ana, "Ana", T0.AddSeconds(12));

        var refused = Assert.Throws<DomainException>(() => alarm.Take(Bob, "Bob", T0.AddSeconds(13)));
        Assert.Equal("alarm.held", refused.Code);
        Assert.Contains("Ana", refused.Message, StringComparison.Ordinal);
        Assert.Equal("alarm.held", Assert.Throws<DomainException>(() => alarm.Close(Bob, AlarmVerdict.DoubtLifted, null, "RAS", T0)).Code);
        Assert.Contains("prise en charge par Ana", taken.French, StringComparison.Ordinal);
        Assert.Null(alarm.Take(Ana, "Ana", T0.AddSeconds(14)).French);
        Assert.Equal((AlarmState.Held, Ana, T0.AddSeconds(12)), (alarm.State, alarm.HeldBy, alarm.FirstTakenAt));
    }

    [Fact]
    public void Park_release_transfer_and_reassign_move_the_holder()
    {
        var alarm = Alarm.Open(Signal(AlarmCategory.Intrusion, "003"), T0);
        alarm.Take(Ana, "Ana", T0);
        Assert.Equal("alarm.remind_in_past", Assert.Throws<DomainException>(() => alarm.Park(Ana, "rappel client", T0, T0)).Code);
        Assert.Equal("alarm.park_reason_required", Assert.Throws<DomainException>(() => alarm.Park(Ana, " ", T0.AddMinutes(5), T0)).Code);

        alarm.Park(Ana, "rappel du gardien", T0.AddMinutes(10), T0);
        Assert.Equal((AlarmState.Parked, (PersonId?)null, "rappel du gardien"), (alarm.State, alarm.HeldBy, alarm.ParkReason));
        alarm.Take(Bob, "Bob", T0.AddMinutes(10));
        Assert.Null(alarm.ParkReason);
        Assert.Contains("transférée par Bob à Ana", alarm.Transfer(Bob, Ana, "Ana").French, StringComparison.Ordinal);
        Assert.Contains("réattribuée de Ana à Bob par Chef", alarm.Reassign("Chef", Bob, "Bob").French, StringComparison.Ordinal);
        alarm.Release(Bob);
        Assert.Equal((AlarmState.New, (PersonId?)null), (alarm.State, alarm.HeldBy));
        Assert.Equal("alarm.not_held", Assert.Throws<DomainException>(() => alarm.Release(Bob)).Code);
    }

    [Fact]
    public void A_supervisor_overrides_the_priority_with_a_reason()
    {
        var alarm = Alarm.Open(Signal(AlarmCategory.Tamper, "003", priority: 3), T0);
        Assert.Equal("alarm.priority_reason_required", Assert.Throws<DomainException>(() => alarm.OverridePriority("Chef", 1, "")).Code);
        Assert.Equal("alarm.priority_invalid", Assert.Throws<DomainException>(() => alarm.OverridePriority("Chef", 0, "x")).Code);

        var change = alarm.OverridePriority("Chef", 1, "site sensible ce soir");

        Assert.Equal((1, "site sensible ce soir"), (alarm.Priority, alarm.PriorityReason));
        Assert.Contains("priorité 3 → 1", change.French, StringComparison.Ordinal);
    }

    [Fact]
    public void Closing_needs_the_holder_a_summary_and_the_cause_of_a_false_alarm_and_happens_once()
    {
        var alarm = Alarm.Open(Signal(AlarmCategory.Intrusion, "003"), T0);
        Assert.Equal("alarm.not_held", Assert.Throws<DomainException>(() => alarm.Close(Ana, AlarmVerdict.DoubtLifted, null, "RAS", T0)).Code);
        alarm.Take(Ana, "Ana", T0);
        Assert.Equal("alarm.cause_required", Assert.Throws<DomainException>(() => alarm.Close(Ana, AlarmVerdict.FalseAlarm, null, "chat", T0)).Code);
        Assert.Equal("alarm.summary_required", Assert.Throws<DomainException>(() => alarm.Close(Ana, AlarmVerdict.DoubtLifted, null, "  ", T0)).Code);
        Assert.Equal(AlarmState.Held, alarm.State);

        var closed = alarm.Close(Ana, AlarmVerdict.FalseAlarm, FalseAlarmCause.Animal, "Chat dans l'entrepôt vu sur la caméra 2.", T0.AddMinutes(2));

        Assert.Equal((AlarmState.Closed, AlarmVerdict.FalseAlarm, FalseAlarmCause.Animal, T0.AddMinutes(2)), (alarm.State, alarm.Verdict, alarm.Cause, alarm.ClosedAt));
        Assert.Contains("clôturée par Ana : fausse alarme (animal)", closed.French, StringComparison.Ordinal);
        Assert.Equal("alarm.closed", Assert.Throws<DomainException>(() => alarm.Close(Ana, AlarmVerdict.DoubtLifted, null, "encore", T0)).Code);
        Assert.Equal("alarm.closed", Assert.Throws<DomainException>(() => alarm.Take(Bob, "Bob", T0)).Code);
        Assert.False(alarm.Folds(Signal(AlarmCategory.Intrusion, "003")));
    }

    private static AlarmSignal Signal(AlarmCategory category, string zone, bool restore = false, int priority = 2) =>
        new("dc09", T0, Site, "1234", restore ? "BR" : "BA", category, restore, priority, restore ? "Rétablissement intrusion" : "Alarme intrusion", "Burglary", "raw") { Zone = zone };
}
