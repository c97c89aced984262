using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ExtractionRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "extractions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CameraIds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CameraNames = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Requisition = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Officer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ManifestSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Files = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_extractions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_extractions_ExportId",
                table: "extractions",
                column: "ExportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_extractions_RequestedAt",
                table: "extractions",
                column: "RequestedAt");

            // The register is evidence of every extraction: its entries are completed, never removed.
            migrationBuilder.Sql("""
                CREATE TRIGGER extractions_no_delete BEFORE DELETE ON extractions
                BEGIN SELECT RAISE(ABORT, 'the extraction register keeps every entry'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS extractions_no_delete;");
            migrationBuilder.DropTable(
                name: "extractions");
        }
    }
}
