using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EquipmentSupervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Profile_ExpectedBitrateKbps",
                table: "cameras",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Profile_ExpectedFps",
                table: "cameras",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Profile_MaxKeyframeInterval",
                table: "cameras",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Profile_Reboot",
                table: "cameras",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "Profile_RebootUrl",
                table: "cameras",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "equipment_alarms",
                columns: table => new
                {
                    Device = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_equipment_alarms", x => new { x.Device, x.Code });
                });

            migrationBuilder.CreateTable(
                name: "equipment_state_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Device = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_equipment_state_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "fault_tickets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Device = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DeviceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FaultCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AlarmId = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Assignee = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AssigneeExternal = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Fix = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fault_tickets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Device = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DeviceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlannedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlannedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "manual_equipment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportInterval = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_manual_equipment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_manual_equipment_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fault_ticket_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fault_ticket_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_fault_ticket_steps_fault_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "fault_tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_equipment_state_changes_At",
                table: "equipment_state_changes",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_equipment_state_changes_Device_At",
                table: "equipment_state_changes",
                columns: new[] { "Device", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_fault_ticket_steps_TicketId",
                table: "fault_ticket_steps",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_fault_tickets_Device_OpenedAt",
                table: "fault_tickets",
                columns: new[] { "Device", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_fault_tickets_OpenedAt",
                table: "fault_tickets",
                column: "OpenedAt");

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_windows_Device_Until",
                table: "maintenance_windows",
                columns: new[] { "Device", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_windows_Until",
                table: "maintenance_windows",
                column: "Until");

            migrationBuilder.CreateIndex(
                name: "IX_manual_equipment_SiteId",
                table: "manual_equipment",
                column: "SiteId");

            // Fault tickets and their steps are the record of how faults were handled: never deleted.
            migrationBuilder.Sql("""
                CREATE TRIGGER fault_tickets_no_delete BEFORE DELETE ON fault_tickets
                BEGIN SELECT RAISE(ABORT, 'fault tickets are kept'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER fault_ticket_steps_no_delete BEFORE DELETE ON fault_ticket_steps
                BEGIN SELECT RAISE(ABORT, 'fault tickets are kept'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS fault_tickets_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS fault_ticket_steps_no_delete;");
            migrationBuilder.DropTable(
                name: "equipment_alarms");

            migrationBuilder.DropTable(
                name: "equipment_state_changes");

            migrationBuilder.DropTable(
                name: "fault_ticket_steps");

            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropTable(
                name: "manual_equipment");

            migrationBuilder.DropTable(
                name: "fault_tickets");

            migrationBuilder.DropColumn(
                name: "Profile_ExpectedBitrateKbps",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "Profile_ExpectedFps",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "Profile_MaxKeyframeInterval",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "Profile_Reboot",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "Profile_RebootUrl",
                table: "cameras");
        }
    }
}
