using Vigie.Domain.People;

namespace Vigie.Domain.Access;

/// <summary>
/// The person behind a request, as loaded from storage for that request: role and site scope are never
/// taken from the client. Lists of site data are filtered in SQL from <see cref="AssignedSites"/> and
/// <see cref="SeesAllSites"/> by one function (Vigie.Storage's <c>SiteScope.VisibleTo</c>); a single row is checked
/// here with <see cref="DemandSite"/>.
/// </summary>
public sealed record Actor(PersonId Id, string UserName, string DisplayName, Role Role, IReadOnlySet<SiteId> AssignedSites)
{
    /// <summary>Administrators and auditors see every site; operators and supervisors only theirs.</summary>
    public bool SeesAllSites => Role is Role.Administrator or Role.Auditor;

    public bool Can(Permission permission) => RolePermissions.Has(Role, permission);

    public bool CanSeeSite(SiteId site) => SeesAllSites || AssignedSites.Contains(site);

    /// <summary>Log book entries without a site (shift notes, system events) are visible to whoever reads the log book.</summary>
    public bool CanSeeLogbookSite(SiteId? site) => site is null || CanSeeSite(site.Value);

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the role holds <paramref name="permission"/>.</summary>
    public void Demand(Permission permission)
    {
        if (!Can(permission))
        {
            throw new AccessDeniedException($"The role {Role} does not allow {permission}.");
        }
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the actor may see <paramref name="site"/>.</summary>
    public void DemandSite(SiteId site)
    {
        if (!CanSeeSite(site))
        {
            throw new AccessDeniedException("You are not assigned to this site.");
        }
    }
}
