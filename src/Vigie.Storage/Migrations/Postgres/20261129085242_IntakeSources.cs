using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntakeSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Raw",
                table: "alarm_signals",
                type: "character varying(65536)",
                maxLength: 65536,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(8000)",
                oldMaxLength: 8000);

            migrationBuilder.CreateTable(
                name: "intake_sources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DefaultSiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TokenHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    BrokerHost = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    BrokerPort = table.Column<int>(type: "integer", nullable: true),
                    BrokerTls = table.Column<bool>(type: "boolean", nullable: false),
                    TopicFilter = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intake_sources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_intake_sources_sites_DefaultSiteId",
                        column: x => x.DefaultSiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "intake_source_sites",
                columns: table => new
                {
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intake_source_sites", x => new { x.SourceId, x.SiteId });
                    table.ForeignKey(
                        name: "FK_intake_source_sites_intake_sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "intake_sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_intake_source_sites_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_intake_source_sites_SiteId",
                table: "intake_source_sites",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_intake_sources_DefaultSiteId",
                table: "intake_sources",
                column: "DefaultSiteId");

            migrationBuilder.CreateIndex(
                name: "IX_intake_sources_Name",
                table: "intake_sources",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intake_source_sites");

            migrationBuilder.DropTable(
                name: "intake_sources");

            migrationBuilder.AlterColumn<string>(
                name: "Raw",
                table: "alarm_signals",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(65536)",
                oldMaxLength: 65536);
        }
    }
}
