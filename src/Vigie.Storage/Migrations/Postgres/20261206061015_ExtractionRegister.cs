using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigie.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CameraIds = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CameraNames = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Authority = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Requisition = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Officer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ManifestSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Files = table.Column<int>(type: "integer", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Failure = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                CREATE FUNCTION extractions_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the extraction register keeps every entry (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER extractions_no_delete BEFORE DELETE ON extractions FOR EACH ROW EXECUTE FUNCTION extractions_refuse_delete();");
            migrationBuilder.Sql("CREATE TRIGGER extractions_no_truncate BEFORE TRUNCATE ON extractions FOR EACH STATEMENT EXECUTE FUNCTION extractions_refuse_delete();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "extractions");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS extractions_refuse_delete();");
        }
    }
}
