using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <summary>
    /// The log book is append-only in the database too: any UPDATE or DELETE of an entry aborts, whatever
    /// program issues it. (Someone with the file can still drop the triggers; `vigie logbook verify` then
    /// shows what they changed.)
    /// </summary>
    public partial class LogbookAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER logbook_entries_no_update BEFORE UPDATE ON logbook_entries
                BEGIN SELECT RAISE(ABORT, 'main courante entries are append-only: write a correction instead'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER logbook_entries_no_delete BEFORE DELETE ON logbook_entries
                BEGIN SELECT RAISE(ABORT, 'main courante entries are append-only and cannot be deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_entries_no_delete;");
        }
    }
}
