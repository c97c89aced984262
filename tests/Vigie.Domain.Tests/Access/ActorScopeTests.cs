using Vigie.Domain.Access;
using Vigie.Domain.People;

namespace Vigie.Domain.Tests.Access;

public sealed class ActorScopeTests
{
    private static readonly SiteId Assigned = SiteId.New();

    private static readonly SiteId Other = SiteId.New();

    [Theory]
    [InlineData(Role.Operator)]
    [InlineData(Role.Supervisor)]
    public void Operators_and_supervisors_see_only_their_assigned_sites(Role role)
    {
        var actor = ActorWith(role);

        Assert.False(actor.SeesAllSites);
        Assert.True(actor.CanSeeSite(Assigned));
        Assert.False(actor.CanSeeSite(Other));
    }

    [Theory]
    [InlineData(Role.Administrator)]
    [InlineData(Role.Auditor)]
    public void Administrators_and_auditors_see_every_site(Role role)
    {
        var actor = ActorWith(role);

        Assert.True(actor.SeesAllSites);
        Assert.True(actor.CanSeeSite(Other));
    }

    [Fact]
    public void An_operator_sees_site_less_log_book_entries_and_those_of_its_sites_only()
    {
        var actor = ActorWith(Role.Operator);

        Assert.True(actor.CanSeeLogbookSite(null));
        Assert.True(actor.CanSeeLogbookSite(Assigned));
        Assert.False(actor.CanSeeLogbookSite(Other));
    }

    [Fact]
    public void An_operator_with_no_site_sees_no_site()
    {
        var actor = new Actor(PersonId.New(), "new", "New Operator", Role.Operator, new HashSet<SiteId>());

        Assert.False(actor.CanSeeSite(Assigned));
    }

    [Fact]
    public void An_authority_recipient_sees_no_site_and_cannot_read_the_log_book()
    {
        var actor = ActorWith(Role.AuthorityRecipient);

        Assert.False(actor.SeesAllSites);
        Assert.False(actor.CanSeeSite(Other));
        Assert.False(actor.Can(Permission.LogbookRead));
    }

    [Fact]
    public void An_auditor_actor_cannot_write_the_log_book()
    {
        Assert.False(ActorWith(Role.Auditor).Can(Permission.LogbookWrite));
    }

    private static Actor ActorWith(Role role) =>
        new(PersonId.New(), "someone", "Someone", role, new HashSet<SiteId> { Assigned });
}
