using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LogbookAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "logbook_attachments",
                columns: table => new
                {
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    StoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", maxLength: 8388608, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_logbook_attachments", x => x.Sha256);
                });

            // Attachments are evidence like the entries that name them: append-only in the database too.
            migrationBuilder.Sql("""
                CREATE FUNCTION logbook_attachments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'log book attachments are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER logbook_attachments_no_update_delete BEFORE UPDATE OR DELETE ON logbook_attachments FOR EACH ROW EXECUTE FUNCTION logbook_attachments_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER logbook_attachments_no_truncate BEFORE TRUNCATE ON logbook_attachments FOR EACH STATEMENT EXECUTE FUNCTION logbook_attachments_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS logbook_attachments_refuse_change() CASCADE;");
            migrationBuilder.DropTable(
                name: "logbook_attachments");
        }
    }
}
