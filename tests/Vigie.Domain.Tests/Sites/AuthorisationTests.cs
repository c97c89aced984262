using Vigie.Domain.Cameras;
using Vigie.Domain.Sites;

namespace Vigie.Domain.Tests.Sites;

public sealed class AuthorisationTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static Site SiteExpiringIn(int days)
    {
        var site = new Site(SiteId.New(), "Gare", "SNCF", "Lyon");
        site.SetAuthorisation("AP-2021-118", Today.AddDays(days), "Quais et hall", Today.AddYears(-5));
        return site;
    }

    [Theory]
    [InlineData(120, AuthorisationState.Valid)]
    [InlineData(90, AuthorisationState.ExpiresWithin90)]
    [InlineData(31, AuthorisationState.ExpiresWithin90)]
    [InlineData(30, AuthorisationState.ExpiresWithin30)]
    [InlineData(0, AuthorisationState.ExpiresWithin30)]
    [InlineData(-1, AuthorisationState.Expired)]
    public void The_state_follows_the_days_left(int days, AuthorisationState state) => Assert.Equal(state, SiteExpiringIn(days).AuthorisationStateOn(Today));

    [Fact]
    public void Each_warning_is_due_once_and_a_renewal_starts_them_again()
    {
        var site = SiteExpiringIn(100);
        Assert.Null(site.AuthorisationWarningDue(Today));
        Assert.Equal(90, site.AuthorisationWarningDue(Today.AddDays(10)));
        site.MarkAuthorisationWarned(90);
        Assert.Null(site.AuthorisationWarningDue(Today.AddDays(20)));
        // Two levels passed while nothing ran: the most urgent one is raised.
        Assert.Equal(0, site.AuthorisationWarningDue(Today.AddDays(101)));
        site.MarkAuthorisationWarned(0);
        Assert.Null(site.AuthorisationWarningDue(Today.AddDays(102)));

        site.SetAuthorisation("AP-2026-007", Today.AddYears(5), "Quais et hall", Today.AddDays(101));
        Assert.Null(site.AuthorisationWarnedAt);
        Assert.Equal(AuthorisationState.Valid, site.AuthorisationStateOn(Today.AddDays(102)));
    }

    [Fact]
    public void A_camera_films_only_when_covered_by_a_recorded_unexpired_authorisation()
    {
        var site = SiteExpiringIn(10);
        var camera = new Camera(CameraId.New(), site.Id, "Quai A", "rtsp://192.0.2.1/main");
        Assert.False(camera.IsAuthorisedOn(site, Today));
        camera.SetCoverage(true);
        Assert.True(camera.IsAuthorisedOn(site, Today));
        Assert.False(camera.IsAuthorisedOn(site, Today.AddDays(11)));
        Assert.False(camera.IsAuthorisedOn(new Site(SiteId.New(), "Sans", "", ""), Today));
        Assert.Equal("site.authorisation_dates", Assert.Throws<DomainException>(() => site.SetAuthorisation("AP-1", Today, "x", Today.AddDays(1))).Code);
    }
}
