using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigie.Storage.Migrations.Postgres
{
    /// <summary>
    /// The whole PostgreSQL schema, squashed from the migrations written during development before the first
    /// installation (decision 0003). Besides what the model describes, it carries the hand-written SQL of those
    /// migrations: the functions and triggers that make the evidence tables (log book entries and attachments,
    /// purge log, alarm signals) append-only, TRUNCATE included. Migrations added from now on are additive.
    /// </summary>
    public partial class Initial : Migration
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

            migrationBuilder.CreateTable(
                name: "logbook_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Journal = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    References = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CorrectsId = table.Column<long>(type: "bigint", nullable: true),
                    PreviousHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_logbook_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CardNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CardExpiry = table.Column<DateOnly>(type: "date", nullable: true),
                    PasswordHash = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FailedSignIns = table.Column<int>(type: "integer", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    SecurityStamp = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "purge_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CameraId = table.Column<Guid>(type: "uuid", nullable: false),
                    SegmentStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SegmentEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PurgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_purge_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "setup_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setup_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Client = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AuthorisationNumber = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AuthorisationExpiry = table.Column<DateOnly>(type: "date", nullable: true),
                    AuthorisationPerimeter = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wall_layouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Tiles = table.Column<string>(type: "character varying(600)", maxLength: 600, nullable: false),
                    SavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_wall_layouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_wall_layouts_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alarm_signals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Account = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsRestore = table.Column<bool>(type: "boolean", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    French = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    English = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Zone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    User = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Area = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VerificationUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ExtendedData = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Raw = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    MessageKey = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Remote = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    UnknownAccount = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarm_signals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alarm_signals_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cameras",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MainStreamUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SubStreamUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedPassword = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RetentionDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cameras", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cameras_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "intake_sources",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DefaultSiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TokenHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    BrokerHost = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    BrokerPort = table.Column<int>(type: "integer", nullable: true),
                    BrokerTls = table.Column<bool>(type: "boolean", nullable: false),
                    TopicFilter = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Username = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intake_sources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_intake_sources_sites_DefaultSiteId",
                        column: x => x.DefaultSiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_sites",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_sites", x => new { x.PersonId, x.SiteId });
                    table.ForeignKey(
                        name: "FK_person_sites_people_PersonId",
                        column: x => x.PersonId,
                        principalTable: "people",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_person_sites_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "site_contacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Function = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsKeyholder = table.Column<bool>(type: "boolean", nullable: false),
                    CallOrder = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_site_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_site_contacts_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transmitter_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Account = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProtectedKey = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SupervisionInterval = table.Column<TimeSpan>(type: "interval", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TransmissionFault = table.Column<bool>(type: "boolean", nullable: false),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    SupervisedSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transmitter_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_transmitter_accounts_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "legal_holds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CameraId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ProcedureNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReleasedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_legal_holds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_legal_holds_cameras_CameraId",
                        column: x => x.CameraId,
                        principalTable: "cameras",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recording_gaps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CameraId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recording_gaps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recording_gaps_cameras_CameraId",
                        column: x => x.CameraId,
                        principalTable: "cameras",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recording_segments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CameraId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Frames = table.Column<int>(type: "integer", nullable: false),
                    Keyframes = table.Column<int>(type: "integer", nullable: false),
                    Codec = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recording_segments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recording_segments_cameras_CameraId",
                        column: x => x.CameraId,
                        principalTable: "cameras",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "intake_source_sites",
                columns: table => new
                {
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intake_source_sites", x => new { x.SourceId, x.SiteId });
                    table.ForeignKey(
                        name: "FK_intake_source_sites_intake_sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "intake_sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_intake_source_sites_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_MessageKey",
                table: "alarm_signals",
                column: "MessageKey",
                filter: "\"Source\" <> 'dc09'");

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_ReceivedAt",
                table: "alarm_signals",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_alarm_signals_SiteId_ReceivedAt",
                table: "alarm_signals",
                columns: new[] { "SiteId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_cameras_SiteId_Name",
                table: "cameras",
                columns: new[] { "SiteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_intake_source_sites_SiteId",
                table: "intake_source_sites",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_intake_sources_DefaultSiteId",
                table: "intake_sources",
                column: "DefaultSiteId");

            migrationBuilder.CreateIndex(
                name: "IX_intake_sources_Name",
                table: "intake_sources",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_legal_holds_CameraId_From",
                table: "legal_holds",
                columns: new[] { "CameraId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_logbook_entries_CorrectsId",
                table: "logbook_entries",
                column: "CorrectsId");

            migrationBuilder.CreateIndex(
                name: "IX_logbook_entries_Journal_RecordedAt",
                table: "logbook_entries",
                columns: new[] { "Journal", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_logbook_entries_Journal_Sequence",
                table: "logbook_entries",
                columns: new[] { "Journal", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_logbook_entries_Journal_SiteId_RecordedAt",
                table: "logbook_entries",
                columns: new[] { "Journal", "SiteId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_people_UserName",
                table: "people",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_person_sites_SiteId",
                table: "person_sites",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_purge_log_CameraId_PurgedAt",
                table: "purge_log",
                columns: new[] { "CameraId", "PurgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_recording_gaps_CameraId_StartsAt",
                table: "recording_gaps",
                columns: new[] { "CameraId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_recording_segments_CameraId_StartsAt",
                table: "recording_segments",
                columns: new[] { "CameraId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_recording_segments_Path",
                table: "recording_segments",
                column: "Path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_setup_tokens_SecretHash",
                table: "setup_tokens",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_site_contacts_SiteId",
                table: "site_contacts",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_sites_Name",
                table: "sites",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transmitter_accounts_Account",
                table: "transmitter_accounts",
                column: "Account",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transmitter_accounts_SiteId",
                table: "transmitter_accounts",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_wall_layouts_PersonId_Name",
                table: "wall_layouts",
                columns: new[] { "PersonId", "Name" },
                unique: true);

            // The log book is append-only in the database too: UPDATE, DELETE and TRUNCATE of entries raise,
            // whatever client issues them.
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

            // The purge log is evidence of what left the disk and why: append-only, like the log book.
            migrationBuilder.Sql("""
                CREATE FUNCTION purge_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the purge log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER purge_log_no_update_delete BEFORE UPDATE OR DELETE ON purge_log FOR EACH ROW EXECUTE FUNCTION purge_log_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER purge_log_no_truncate BEFORE TRUNCATE ON purge_log FOR EACH STATEMENT EXECUTE FUNCTION purge_log_refuse_change();");

            // Signals are evidence of what a panel said and when: append-only, like the log book.
            migrationBuilder.Sql("""
                CREATE FUNCTION alarm_signals_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'alarm signals are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_update_delete BEFORE UPDATE OR DELETE ON alarm_signals FOR EACH ROW EXECUTE FUNCTION alarm_signals_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_truncate BEFORE TRUNCATE ON alarm_signals FOR EACH STATEMENT EXECUTE FUNCTION alarm_signals_refuse_change();");

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
            // CASCADE drops each function's triggers with it.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS logbook_entries_refuse_change() CASCADE;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS purge_log_refuse_change() CASCADE;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS alarm_signals_refuse_change() CASCADE;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS logbook_attachments_refuse_change() CASCADE;");

            migrationBuilder.DropTable(
                name: "alarm_signals");

            migrationBuilder.DropTable(
                name: "intake_source_sites");

            migrationBuilder.DropTable(
                name: "legal_holds");

            migrationBuilder.DropTable(
                name: "logbook_attachments");

            migrationBuilder.DropTable(
                name: "logbook_entries");

            migrationBuilder.DropTable(
                name: "person_sites");

            migrationBuilder.DropTable(
                name: "purge_log");

            migrationBuilder.DropTable(
                name: "recording_gaps");

            migrationBuilder.DropTable(
                name: "recording_segments");

            migrationBuilder.DropTable(
                name: "setup_tokens");

            migrationBuilder.DropTable(
                name: "site_contacts");

            migrationBuilder.DropTable(
                name: "transmitter_accounts");

            migrationBuilder.DropTable(
                name: "wall_layouts");

            migrationBuilder.DropTable(
                name: "intake_sources");

            migrationBuilder.DropTable(
                name: "cameras");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "sites");
        }
    }
}
