using Microsoft.Extensions.Time.Testing;
using Vigie.Domain.Alarms;

namespace Vigie.Domain.Tests.Alarms;

/// <summary>The transmitter-silence rule on a fake clock: when a supervised panel's silence becomes a fault, and when it ends.</summary>
public sealed class LinkSupervisionTests
{
    private static readonly DateTimeOffset Declared = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(120);

    private readonly FakeTimeProvider _clock = new(Declared);

    private TransmitterAccount Account(TimeSpan? interval = null) => new("C0FFEE", SiteId.New(), protectedKey: null, interval ?? Interval, _clock.GetUtcNow());

    [Theory]
    [InlineData(10, 10)]
    [InlineData(40, 10)]
    [InlineData(120, 30)]
    [InlineData(3600, 900)]
    public void The_grace_is_a_quarter_of_the_interval_and_never_under_ten_seconds(int intervalSeconds, int graceSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(graceSeconds), LinkSupervision.GraceOf(TimeSpan.FromSeconds(intervalSeconds)));

    [Fact]
    public void A_panel_silent_for_its_interval_and_grace_is_still_fine_and_one_second_later_its_link_is_lost()
    {
        var rule = new LinkSupervision(_clock);
        var account = Account();
        var heard = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromSeconds(150));
        Assert.Null(rule.Check(account, heard));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var lost = rule.Check(account, heard);

        Assert.NotNull(lost);
        Assert.Equal(("C0FFEE", true, "YC", TimeSpan.FromSeconds(151), Declared.AddSeconds(151)), (lost.Account, lost.Lost, lost.Code, lost.Silence, lost.At));
        Assert.True(account.TransmissionFault);
        Assert.Equal("Défaut de transmission — compte C0FFEE : aucun message depuis 151 s (attendu toutes les 120 s)", lost.French);
    }

    [Fact]
    public void A_lost_link_is_raised_once_and_the_next_message_restores_it()
    {
        var rule = new LinkSupervision(_clock);
        var account = Account();
        _clock.Advance(TimeSpan.FromMinutes(3));
        Assert.True(rule.Check(account, lastSeen: null)!.Lost);
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(rule.Check(account, lastSeen: null));

        var heard = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromSeconds(5));
        var restored = rule.Check(account, heard);

        Assert.Equal((false, "YK", "Transmission rétablie — compte C0FFEE"), (restored!.Lost, restored.Code, restored.French));
        Assert.Equal((false, heard), (account.TransmissionFault, account.LastSeenAt));
        Assert.Null(rule.Check(account, heard));
    }

    [Fact]
    public void An_account_never_heard_counts_its_silence_from_when_supervision_began_not_from_its_declaration_long_before()
    {
        var account = Account();
        _clock.Advance(TimeSpan.FromDays(3)); // the host was down meanwhile
        var rule = new LinkSupervision(_clock);

        _clock.Advance(TimeSpan.FromSeconds(150));
        Assert.Null(rule.Check(account, lastSeen: null));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(151), rule.Check(account, lastSeen: null)!.Silence);
    }

    [Fact]
    public void An_account_declared_after_supervision_began_counts_from_its_declaration()
    {
        var rule = new LinkSupervision(_clock);
        _clock.Advance(TimeSpan.FromHours(1));
        var account = Account();

        _clock.Advance(TimeSpan.FromSeconds(150));
        Assert.Null(rule.Check(account, lastSeen: null));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(rule.Check(account, lastSeen: null));
    }

    [Fact]
    public void The_time_an_account_was_out_of_service_is_not_counted_as_silence()
    {
        var rule = new LinkSupervision(_clock);
        var account = Account();
        var heard = _clock.GetUtcNow();
        account.Disable();
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Null(rule.Check(account, heard)); // disabled: not supervised at all

        account.Enable(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(150));
        Assert.Null(rule.Check(account, heard));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(151), rule.Check(account, heard)!.Silence);
    }

    [Fact]
    public void An_account_without_supervision_interval_is_never_in_fault()
    {
        var rule = new LinkSupervision(_clock);
        var account = new TransmitterAccount("BEEF", SiteId.New(), null, supervisionInterval: null, _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromDays(30));

        Assert.Null(rule.Check(account, lastSeen: null));
        Assert.False(account.TransmissionFault);
    }

    [Fact]
    public void A_change_becomes_a_technical_signal_with_the_installations_priority()
    {
        var rule = new LinkSupervision(_clock);
        var account = Account();
        _clock.Advance(TimeSpan.FromMinutes(3));
        var priorities = AlarmPriorities.FromSettings([new KeyValuePair<string, string?>("technical_fault", "8")]);

        var signal = rule.Check(account, lastSeen: null)!.ToSignal(priorities);

        Assert.Equal((LinkSupervision.Source, "YC", AlarmCategory.TechnicalFault, false, 8, account.SiteId, Declared.AddMinutes(3)),
            (signal.Source, signal.Code, signal.Category, signal.IsRestore, signal.Priority, signal.SiteId!.Value, signal.ReceivedAt));
    }
}
