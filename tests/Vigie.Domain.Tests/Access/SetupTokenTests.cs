using Microsoft.Extensions.Time.Testing;
using Vigie.Domain.Access;

namespace Vigie.Domain.Tests.Access;

public sealed class SetupTokenTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 14, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_new_link_is_usable_and_stores_only_the_hash_of_its_secret()
    {
        var (token, secret) = SetupToken.Create(_clock.GetUtcNow());

        Assert.True(token.IsUsable(_clock.GetUtcNow()));
        Assert.Equal(SetupToken.HashSecret(secret), token.SecretHash);
        Assert.NotEqual(secret, token.SecretHash);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
    }

    [Fact]
    public void Two_links_never_share_a_secret()
    {
        var (_, first) = SetupToken.Create(_clock.GetUtcNow());
        var (_, second) = SetupToken.Create(_clock.GetUtcNow());

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_link_can_be_used_only_once()
    {
        var (token, _) = SetupToken.Create(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(5));
        token.MarkUsed(_clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromMinutes(1));
        var error = Assert.Throws<DomainException>(() => token.MarkUsed(_clock.GetUtcNow()));

        Assert.Equal("setup.link_unusable", error.Code);
        Assert.False(token.IsUsable(_clock.GetUtcNow()));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 10, 5, 0, TimeSpan.Zero), token.UsedAt);
    }

    [Fact]
    public void A_link_expires_twenty_four_hours_after_it_was_created()
    {
        var (token, _) = SetupToken.Create(_clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.True(token.IsUsable(_clock.GetUtcNow()));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(token.IsUsable(_clock.GetUtcNow()));
        var error = Assert.Throws<DomainException>(() => token.MarkUsed(_clock.GetUtcNow()));
        Assert.Equal("setup.link_unusable", error.Code);
    }
}
