using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
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
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", maxLength: 8388608, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_logbook_attachments", x => x.Sha256);
                });

            // Attachments are evidence like the entries that name them: append-only in the database too.
            migrationBuilder.Sql("CREATE TRIGGER logbook_attachments_no_update BEFORE UPDATE ON logbook_attachments BEGIN SELECT RAISE(ABORT, 'log book attachments are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER logbook_attachments_no_delete BEFORE DELETE ON logbook_attachments BEGIN SELECT RAISE(ABORT, 'log book attachments are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_attachments_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_attachments_no_delete;");
            migrationBuilder.DropTable(
                name: "logbook_attachments");
        }
    }
}
