using System.CommandLine;
using Vigie.Server.Demo;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Cli;

/// <summary>`vigie serve` and `vigie demo`: run the host (demo also seeds the demo site).</summary>
internal static class ServeCommand
{
    public static Command Create(string name, bool demo)
    {
        var data = CommonOptions.Data();
        var urls = CommonOptions.Urls();
        var db = CommonOptions.Database();
        var camsimPort = new Option<int>("--camsim-port") { Description = "Port of the demo's camera simulator (its cameras are rtsp://127.0.0.1:PORT/cam1..4)", DefaultValueFactory = _ => DemoSeeder.DefaultSimulatorPort };
        var dc09 = new Option<int?>("--dc09-port") { Description = "Listen for SIA DC-09 alarm panels on this port, TCP and UDP" + (demo ? " (default 9009)" : " (default: off)") };
        if (demo)
        {
            dc09.DefaultValueFactory = _ => 9009;
        }

        var dc09Address = new Option<string>("--dc09-address") { Description = "Address the DC-09 receiver listens on (0.0.0.0 for panels on the network)", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command(name, demo
            ? "Run Vigie with the demo site seeded (SQLite, local disk); prints the setup link on a fresh data folder"
            : "Run the Vigie host; prints a one-time setup link on a fresh data folder")
        {
            data, urls, db, dc09, dc09Address,
        };
        if (demo)
        {
            command.Options.Add(camsimPort);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new VigieHostOptions
            {
                DataFolder = Path.GetFullPath(result.GetValue(data)!),
                Urls = result.GetValue(urls)!,
                Database = CommonOptions.DatabaseValue(result, db),
                SeedDemo = demo,
                SimulatorPort = demo ? result.GetValue(camsimPort) : null,
                Dc09Port = result.GetValue(dc09),
                Dc09Address = result.GetValue(dc09Address)!,
            };
            return await RunAsync(options, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(VigieHostOptions options, CancellationToken cancellationToken)
    {
        DataFolderLock folderLock;
        WebApplication app;
        try
        {
            DataFolderRights.Restrict(options.DataFolder);
            foreach (var wider in DataFolderRights.Wider(options.DataFolder))
            {
                await Console.Error.WriteLineAsync($"vigie: warning: {wider}").ConfigureAwait(false);
            }

            folderLock = DataFolderLock.Acquire(options.DataFolder, options.Time);
            options = options with { PreviousRun = folderLock.PreviousRun };
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"vigie: cannot start: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        using (folderLock)
        {
            try
            {
                app = await VigieApp.BuildAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is StorageUnavailableException or ArgumentException or Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
            {
                // Storage unreachable, an option or a setting that does not make sense (the engines read theirs as the host is built).
                await Console.Error.WriteLineAsync($"vigie: cannot start: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            await using (app)
            {
                try
                {
                    await StartAsync(app, options, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
                {
                    // An address already in use (web, DC-09 or simulator port), a setting out of its range or that cannot be read (a duration that is not hh:mm:ss).
                    await Console.Error.WriteLineAsync($"vigie: cannot start: {ex.Message}").ConfigureAwait(false);
                    return 2;
                }
                catch (InvalidOperationException ex) when (ex.InnerException is FormatException or ArgumentException)
                {
                    // A setting that is not even of its type ("ten seconds" for a time span): the binder names the key.
                    await Console.Error.WriteLineAsync($"vigie: cannot start: {ex.Message} {ex.InnerException.Message}").ConfigureAwait(false);
                    return 2;
                }

                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>Starts listening, seeds the demo if asked, and prints the setup link when no administrator exists.</summary>
    public static async Task StartAsync(WebApplication app, VigieHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Vigie.Host");
        HostLog.Starting(logger, options.DataFolder, app.Services.GetRequiredService<VigieDbFactory>().Settings.Description);
        // Seed before starting, so the recorders find the demo cameras at once.
        if (options.SeedDemo && await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken).ConfigureAwait(false) is { } summary)
        {
            HostLog.DemoSeeded(logger, summary);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var baseUrl = app.Urls.First();
        HostLog.Listening(logger, string.Join(", ", app.Urls));

        var setup = app.Services.GetRequiredService<SetupService>();
        if (!await setup.HasAdministratorAsync(cancellationToken).ConfigureAwait(false))
        {
            var link = await setup.CreateLinkAsync(baseUrl, "vigie serve", cancellationToken).ConfigureAwait(false);
            HostLog.SetupLinkPrinted(logger, link.ExpiresAt);
            await options.Output.WriteLineAsync($"Setup link (one use, valid until {ParisClock.ToParis(link.ExpiresAt):yyyy-MM-dd HH:mm} Europe/Paris): {link.Url}").ConfigureAwait(false);
            await options.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
