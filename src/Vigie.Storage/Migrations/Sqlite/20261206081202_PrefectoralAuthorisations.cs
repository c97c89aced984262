using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrefectoralAuthorisations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AuthorisationDate",
                table: "sites",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AuthorisationWarnedAt",
                table: "sites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CoveredByAuthorisation",
                table: "cameras",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AuthorisationDate",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "AuthorisationWarnedAt",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "CoveredByAuthorisation",
                table: "cameras");
        }
    }
}
