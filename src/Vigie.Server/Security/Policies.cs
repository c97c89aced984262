using Microsoft.AspNetCore.Authorization;
using Vigie.Domain.Access;

namespace Vigie.Server.Security;

/// <summary>One authorisation policy per <see cref="Permission"/>, named after it; roles from <see cref="RolePermissions"/>.</summary>
public static class Policies
{
    public const string SignedIn = nameof(Permission.SignedIn);
    public const string LogbookRead = nameof(Permission.LogbookRead);
    public const string LogbookWrite = nameof(Permission.LogbookWrite);
    public const string SitesRead = nameof(Permission.SitesRead);
    public const string SitesAdminister = nameof(Permission.SitesAdminister);
    public const string PeopleAdminister = nameof(Permission.PeopleAdminister);
    public const string AuditRead = nameof(Permission.AuditRead);
    public const string LegalHold = nameof(Permission.LegalHold);
    public const string HoldsRead = nameof(Permission.HoldsRead);
    public const string MasksManage = nameof(Permission.MasksManage);
    public const string PackagesReceive = nameof(Permission.PackagesReceive);
    public const string AccessRequestsRead = nameof(Permission.AccessRequestsRead);
    public const string AlarmsRead = nameof(Permission.AlarmsRead);
    public const string VideoView = nameof(Permission.VideoView);
    public const string AlarmsHandle = nameof(Permission.AlarmsHandle);
    public const string AlarmsSupervise = nameof(Permission.AlarmsSupervise);
    public const string EquipmentRead = nameof(Permission.EquipmentRead);
    public const string EquipmentMaintain = nameof(Permission.EquipmentMaintain);
    public const string EquipmentManage = nameof(Permission.EquipmentManage);

    public static AuthorizationBuilder AddVigiePolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var permission in Enum.GetValues<Permission>())
        {
            var roles = RolePermissions.RolesWith(permission).Select(r => r.ToString()).ToArray();
            builder.AddPolicy(permission.ToString(), policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }

        return builder;
    }
}
