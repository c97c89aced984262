using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlarmIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alarm_signals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Account = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsRestore = table.Column<bool>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    French = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    English = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    User = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VerificationUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ExtendedData = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Raw = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    MessageKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Remote = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UnknownAccount = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarm_signals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alarm_signals_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "transmitter_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProtectedKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SupervisionInterval = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TransmissionFault = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transmitter_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_transmitter_accounts_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_MessageKey",
                table: "alarm_signals",
                column: "MessageKey");

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_ReceivedAt",
                table: "alarm_signals",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_SiteId_ReceivedAt",
                table: "alarm_signals",
                columns: new[] { "SiteId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_transmitter_accounts_Account",
                table: "transmitter_accounts",
                column: "Account",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transmitter_accounts_SiteId",
                table: "transmitter_accounts",
                column: "SiteId");
        
            // Signals are evidence of what a panel said and when: append-only, like the log book.
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_update BEFORE UPDATE ON alarm_signals BEGIN SELECT RAISE(ABORT, 'alarm signals are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_delete BEFORE DELETE ON alarm_signals BEGIN SELECT RAISE(ABORT, 'alarm signals are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS alarm_signals_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS alarm_signals_no_delete;");
            migrationBuilder.DropTable(
                name: "alarm_signals");

            migrationBuilder.DropTable(
                name: "transmitter_accounts");
        }
    }
}
