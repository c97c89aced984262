using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Server.Audit;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Cli;

/// <summary>
/// What an administration verb needs to change the data folder's database from the server's shell: the
/// migrated database, the folder's Data Protection keys (the same as the host's, so that what the verb
/// protects the host can read) and the audit journal.
/// </summary>
internal sealed class CliStorage : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly LogbookWriter _writer;

    private CliStorage(VigieDbFactory factory, ServiceProvider provider, LogbookWriter writer)
    {
        Factory = factory;
        _provider = provider;
        _writer = writer;
        Audit = new AuditLog(writer);
    }

    public VigieDbFactory Factory { get; }

    public AuditLog Audit { get; }

    /// <summary>The journals' writer (main courante entries the verb makes, such as a legal hold).</summary>
    public LogbookWriter Logbook => _writer;

    public IDataProtectionProvider Protection => _provider.GetRequiredService<IDataProtectionProvider>();

    public static async Task<CliStorage> OpenAsync(string dataFolder, string? database, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(dataFolder);
        var factory = new VigieDbFactory(DatabaseSettings.Parse(database, folder));
        await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection();
        VigieApp.AddDataProtection(services, folder);
        var writer = new LogbookWriter(factory, SystemClocks.Wall, [], NullLogger<LogbookWriter>.Instance);
        return new CliStorage(factory, services.BuildServiceProvider(), writer);
    }

    public async ValueTask DisposeAsync()
    {
        _writer.Dispose();
        await _provider.DisposeAsync().ConfigureAwait(false);
    }
}
