using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigie.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Account = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsRestore = table.Column<bool>(type: "boolean", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    French = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    English = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Zone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    User = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Area = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VerificationUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ExtendedData = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Raw = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    MessageKey = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Remote = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UnknownAccount = table.Column<bool>(type: "boolean", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Account = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProtectedKey = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SupervisionInterval = table.Column<TimeSpan>(type: "interval", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TransmissionFault = table.Column<bool>(type: "boolean", nullable: false)
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
            migrationBuilder.Sql("""
                CREATE FUNCTION alarm_signals_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'alarm signals are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_update_delete BEFORE UPDATE OR DELETE ON alarm_signals FOR EACH ROW EXECUTE FUNCTION alarm_signals_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_truncate BEFORE TRUNCATE ON alarm_signals FOR EACH STATEMENT EXECUTE FUNCTION alarm_signals_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS alarm_signals_refuse_change() CASCADE;");
            migrationBuilder.DropTable(
                name: "alarm_signals");

            migrationBuilder.DropTable(
                name: "transmitter_accounts");
        }
    }
}
