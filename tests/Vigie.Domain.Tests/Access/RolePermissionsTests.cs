using Vigie.Domain.Access;
using Vigie.Domain.People;

namespace Vigie.Domain.Tests.Access;

public sealed class RolePermissionsTests
{
    [Fact]
    public void An_auditor_reads_the_log_book_but_cannot_write_in_it()
    {
        Assert.True(RolePermissions.Has(Role.Auditor, Permission.LogbookRead));
        Assert.False(RolePermissions.Has(Role.Auditor, Permission.LogbookWrite));
    }

    [Fact]
    public void An_authority_recipient_cannot_read_the_log_book()
    {
        Assert.False(RolePermissions.Has(Role.AuthorityRecipient, Permission.LogbookRead));
        Assert.False(RolePermissions.Has(Role.AuthorityRecipient, Permission.LogbookWrite));
        Assert.False(RolePermissions.Has(Role.AuthorityRecipient, Permission.SitesRead));
    }

    [Fact]
    public void Only_operators_supervisors_and_administrators_write_the_log_book()
    {
        Assert.Equal([Role.Operator, Role.Supervisor, Role.Administrator], RolePermissions.RolesWith(Permission.LogbookWrite));
    }

    [Fact]
    public void Only_administrators_administer_sites_and_people()
    {
        Assert.Equal([Role.Administrator], RolePermissions.RolesWith(Permission.SitesAdminister));
        Assert.Equal([Role.Administrator], RolePermissions.RolesWith(Permission.PeopleAdminister));
    }

    [Fact]
    public void Every_role_may_sign_in()
    {
        Assert.Equal(Enum.GetValues<Role>(), RolePermissions.RolesWith(Permission.SignedIn));
    }

    [Fact]
    public void Operators_do_not_read_the_audit_log()
    {
        Assert.Equal([Role.Administrator, Role.Auditor], RolePermissions.RolesWith(Permission.AuditRead));
    }
}
