using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessageKeyIndexWithoutDc09 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_alarm_signals_MessageKey",
                table: "alarm_signals");

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_MessageKey",
                table: "alarm_signals",
                column: "MessageKey",
                filter: "\"Source\" <> 'dc09'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_alarm_signals_MessageKey",
                table: "alarm_signals");

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_MessageKey",
                table: "alarm_signals",
                column: "MessageKey");
        }
    }
}
