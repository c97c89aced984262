using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TransmitterAccountService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "transmitter_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SupervisedSince",
                table: "transmitter_accounts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "transmitter_accounts");

            migrationBuilder.DropColumn(
                name: "SupervisedSince",
                table: "transmitter_accounts");
        }
    }
}
