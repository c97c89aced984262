using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Alarms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alarm_intake_cursor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSignalId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarm_intake_cursor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alarms",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    PriorityReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FirstSignalId = table.Column<long>(type: "INTEGER", nullable: false),
                    SignalCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSignalAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Restored = table.Column<bool>(type: "INTEGER", nullable: false),
                    UnknownAccount = table.Column<bool>(type: "INTEGER", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    VerificationUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HeldBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    HeldByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FirstTakenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ParkReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RemindAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alarms_alarm_signals_FirstSignalId",
                        column: x => x.FirstSignalId,
                        principalTable: "alarm_signals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_alarms_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alarm_signal_links",
                columns: table => new
                {
                    AlarmId = table.Column<long>(type: "INTEGER", nullable: false),
                    SignalId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarm_signal_links", x => new { x.AlarmId, x.SignalId });
                    table.ForeignKey(
                        name: "FK_alarm_signal_links_alarm_signals_SignalId",
                        column: x => x.SignalId,
                        principalTable: "alarm_signals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_alarm_signal_links_alarms_AlarmId",
                        column: x => x.AlarmId,
                        principalTable: "alarms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signal_links_SignalId",
                table: "alarm_signal_links",
                column: "SignalId");

            migrationBuilder.CreateIndex(
                name: "IX_alarms_ClosedAt",
                table: "alarms",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_alarms_FirstSignalId",
                table: "alarms",
                column: "FirstSignalId");

            migrationBuilder.CreateIndex(
                name: "IX_alarms_SiteId_OpenedAt",
                table: "alarms",
                columns: new[] { "SiteId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_State_SiteId",
                table: "alarms",
                columns: new[] { "State", "SiteId" });

            // Signals stored before alarms existed stay history: the opener starts after the last of them.
            migrationBuilder.Sql("INSERT INTO alarm_intake_cursor (\"Id\", \"LastSignalId\") SELECT 1, COALESCE(MAX(\"Id\"), 0) FROM alarm_signals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alarm_intake_cursor");

            migrationBuilder.DropTable(
                name: "alarm_signal_links");

            migrationBuilder.DropTable(
                name: "alarms");
        }
    }
}
