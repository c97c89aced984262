using Microsoft.Extensions.Time.Testing;
using Vigie.Domain.People;

namespace Vigie.Domain.Tests.People;

public sealed class PersonLockoutTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 22, 0, 0, TimeSpan.Zero));

    private readonly Person _person = new(PersonId.New(), "c.martin", "Camille Martin", Role.Operator);

    [Fact]
    public void Four_failed_sign_ins_do_not_lock_the_account()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.False(_person.RecordFailedSignIn(_clock.GetUtcNow()));
        }

        Assert.False(_person.IsLockedOut(_clock.GetUtcNow()));
    }

    [Fact]
    public void The_fifth_failed_sign_in_in_a_row_locks_the_account()
    {
        FailFourTimes();

        var locked = _person.RecordFailedSignIn(_clock.GetUtcNow());

        Assert.True(locked);
        Assert.True(_person.IsLockedOut(_clock.GetUtcNow()));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(15), _person.LockedUntil);
    }

    [Fact]
    public void A_locked_account_stays_locked_until_fifteen_minutes_have_passed()
    {
        FailFourTimes();
        _person.RecordFailedSignIn(_clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.True(_person.IsLockedOut(_clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_person.IsLockedOut(_clock.GetUtcNow()));
    }

    [Fact]
    public void A_successful_sign_in_resets_the_count_of_failures()
    {
        FailFourTimes();

        _person.RecordSuccessfulSignIn();

        Assert.False(_person.RecordFailedSignIn(_clock.GetUtcNow()));
        Assert.False(_person.IsLockedOut(_clock.GetUtcNow()));
    }

    [Fact]
    public void An_administrator_unlock_ends_the_lockout_at_once()
    {
        FailFourTimes();
        _person.RecordFailedSignIn(_clock.GetUtcNow());

        _person.Unlock();

        Assert.False(_person.IsLockedOut(_clock.GetUtcNow()));
        Assert.Equal(0, _person.FailedSignIns);
    }

    private void FailFourTimes()
    {
        for (var i = 0; i < 4; i++)
        {
            _person.RecordFailedSignIn(_clock.GetUtcNow());
            _clock.Advance(TimeSpan.FromSeconds(20));
        }
    }
}
