using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SiteRetentionAndJudicialHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing sites keep the legal maximum (CSI L252-5) until an administrator records their authorised period.
            migrationBuilder.AddColumn<int>(
                name: "RetentionDays",
                table: "sites",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<long>(
                name: "RegisterNumber",
                table: "legal_holds",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReleaseReason",
                table: "legal_holds",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Judicial",
                table: "extractions",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetentionDays",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "RegisterNumber",
                table: "legal_holds");

            migrationBuilder.DropColumn(
                name: "ReleaseReason",
                table: "legal_holds");

            migrationBuilder.DropColumn(
                name: "Judicial",
                table: "extractions");
        }
    }
}
