using Vigie.Domain.People;

namespace Vigie.Domain.Access;

/// <summary>The one table that says which role holds which permission.</summary>
public static class RolePermissions
{
    public static bool Has(Role role, Permission permission) => permission switch
    {
        Permission.SignedIn => true,
        Permission.LogbookRead => role is Role.Operator or Role.Supervisor or Role.Administrator or Role.Auditor,
        Permission.LogbookWrite => role is Role.Operator or Role.Supervisor or Role.Administrator,
        Permission.SitesRead => role is Role.Operator or Role.Supervisor or Role.Administrator or Role.Auditor,
        Permission.SitesAdminister => role is Role.Administrator,
        Permission.PeopleAdminister => role is Role.Administrator,
        Permission.AuditRead => role is Role.Administrator or Role.Auditor,
        Permission.AlarmsRead => role is Role.Operator or Role.Supervisor or Role.Administrator or Role.Auditor,
        Permission.AlarmsHandle => role is Role.Operator or Role.Supervisor or Role.Administrator,
        Permission.AlarmsSupervise => role is Role.Supervisor or Role.Administrator,
        Permission.VideoView => role is Role.Operator or Role.Supervisor or Role.Administrator,
        Permission.LegalHold => role is Role.Supervisor or Role.Administrator,
        Permission.AccessRequestsRead => role is Role.Operator or Role.Supervisor or Role.Administrator or Role.Auditor,
        Permission.PackagesReceive => role is Role.AuthorityRecipient,
        Permission.MasksManage => role is Role.Supervisor or Role.Administrator,
        Permission.HoldsRead => role is Role.Supervisor or Role.Administrator or Role.Auditor,
        Permission.EquipmentRead => role is Role.Operator or Role.Supervisor or Role.Administrator or Role.Auditor,
        Permission.EquipmentMaintain => role is Role.Operator or Role.Supervisor or Role.Administrator,
        Permission.EquipmentManage => role is Role.Supervisor or Role.Administrator,
        _ => false,
    };

    public static IReadOnlyList<Role> RolesWith(Permission permission) =>
        Enum.GetValues<Role>().Where(r => Has(r, permission)).ToArray();
}
