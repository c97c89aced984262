using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigie.Storage.Migrations.Sqlite
{
    /// <summary>
    /// The whole SQLite schema, squashed from the migrations written during development before the first
    /// installation (decision 0003). Besides what the model describes, it carries the hand-written SQL of those
    /// migrations: the append-only triggers of the evidence tables (log book entries and attachments, purge
    /// log, alarm signals). Migrations added from now on are additive.
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

            migrationBuilder.CreateTable(
                name: "logbook_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Journal = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    References = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CorrectsId = table.Column<long>(type: "INTEGER", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_logbook_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CardNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CardExpiry = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FailedSignIns = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "purge_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CameraId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SegmentStart = table.Column<long>(type: "INTEGER", nullable: false),
                    SegmentEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PurgedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_purge_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "setup_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_setup_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Client = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AuthorisationNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorisationExpiry = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AuthorisationPerimeter = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sites", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "wall_layouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Tiles = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Account = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsRestore = table.Column<bool>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    French = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    English = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    User = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Area = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VerificationUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ExtendedData = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Raw = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    MessageKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Remote = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UnknownAccount = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MainStreamUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SubStreamUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedPassword = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DefaultSiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: true),
                    BrokerHost = table.Column<string>(type: "TEXT", maxLength: 253, nullable: true),
                    BrokerPort = table.Column<int>(type: "INTEGER", nullable: true),
                    BrokerTls = table.Column<bool>(type: "INTEGER", nullable: false),
                    TopicFilter = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Function = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsKeyholder = table.Column<bool>(type: "INTEGER", nullable: false),
                    CallOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProtectedKey = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SupervisionInterval = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TransmissionFault = table.Column<bool>(type: "INTEGER", nullable: false),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SupervisedSince = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CameraId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ProcedureNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleasedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CameraId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CameraId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Frames = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyframes = table.Column<int>(type: "INTEGER", nullable: false),
                    Codec = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false)
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
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false)
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

            // The log book is append-only in the database too: any UPDATE or DELETE of an entry aborts, whatever
            // program issues it. (Someone with the file can still drop the triggers; `vigie logbook verify` then
            // shows what they changed.)
            migrationBuilder.Sql("""
                CREATE TRIGGER logbook_entries_no_update BEFORE UPDATE ON logbook_entries
                BEGIN SELECT RAISE(ABORT, 'main courante entries are append-only: write a correction instead'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER logbook_entries_no_delete BEFORE DELETE ON logbook_entries
                BEGIN SELECT RAISE(ABORT, 'main courante entries are append-only and cannot be deleted'); END;
                """);

            // The purge log is evidence of what left the disk and why: append-only, like the log book.
            migrationBuilder.Sql("CREATE TRIGGER purge_log_no_update BEFORE UPDATE ON purge_log BEGIN SELECT RAISE(ABORT, 'the purge log is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER purge_log_no_delete BEFORE DELETE ON purge_log BEGIN SELECT RAISE(ABORT, 'the purge log is append-only'); END;");

            // Signals are evidence of what a panel said and when: append-only, like the log book.
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_update BEFORE UPDATE ON alarm_signals BEGIN SELECT RAISE(ABORT, 'alarm signals are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER alarm_signals_no_delete BEFORE DELETE ON alarm_signals BEGIN SELECT RAISE(ABORT, 'alarm signals are append-only'); END;");

            // Attachments are evidence like the entries that name them: append-only in the database too.
            migrationBuilder.Sql("CREATE TRIGGER logbook_attachments_no_update BEFORE UPDATE ON logbook_attachments BEGIN SELECT RAISE(ABORT, 'log book attachments are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER logbook_attachments_no_delete BEFORE DELETE ON logbook_attachments BEGIN SELECT RAISE(ABORT, 'log book attachments are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_entries_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS purge_log_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS purge_log_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS alarm_signals_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS alarm_signals_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_attachments_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS logbook_attachments_no_delete;");

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
