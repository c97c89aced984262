using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Postgres
{
    /// <summary>
    /// The log book is append-only in the database too: UPDATE, DELETE and TRUNCATE of entries raise,
    /// whatever client issues them.
    /// </summary>
    public partial class LogbookAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION logbook_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'main courante entries are append-only (% refused): write a correction instead', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER logbook_entries_no_update_delete BEFORE UPDATE OR DELETE ON logbook_entries
                FOR EACH ROW EXECUTE FUNCTION logbook_entries_refuse_change();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER logbook_entries_no_truncate BEFORE TRUNCATE ON logbook_entries
                FOR EACH STATEMENT EXECUTE FUNCTION logbook_entries_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_entries_no_truncate ON logbook_entries;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_entries_no_update_delete ON logbook_entries;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS logbook_entries_refuse_change();");
        }
    }
}
