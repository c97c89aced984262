using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigie.Alarms.Receiver;
using Vigie.Domain.Alarms;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;

namespace Vigie.Server.Alarms;

/// <summary>
/// Runs the alarm intake: the DC-09 receiver on its port (TCP and UDP) when one is configured, with the settings
/// of <c>Alarms:Dc09</c>, the account directory reloads, and link supervision. At start the message keys of the last
/// retransmission window are loaded, so that a panel repeating a message acknowledged just before a restart is not
/// stored twice.
/// </summary>
public sealed class AlarmIntakeService(
    VigieHostOptions options,
    VigieDbFactory dbFactory,
    AccountDirectory accounts,
    SignalBatcherHolder batcher,
    TransmissionSupervisor supervisor,
    AlarmPriorities priorities,
    IOptions<Dc09ReceiverOptions> receiverOptions,
    ToleratedDeviations deviations,
    IMeterFactory meters,
    SupervisedLoops loops,
    ILoggerFactory loggers) : BackgroundService
{
    public const string MeterName = VigieMetrics.MeterName + ".Alarms";
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly Meter _meter = meters.Create(MeterName);
    private Dc09Server? _server;

    /// <summary>The DC-09 port actually bound (tests use port 0), or null when the receiver is off.</summary>
    public int? Dc09Port => _server?.Port;

    public Dc09Receiver? Receiver { get; private set; }

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the receiver listens (or at once when it is off).</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// Binds the DC-09 port before the host reports started, so that a port already in use stops `vigie serve`
    /// at once with a clear message (exit code 2) instead of a host running without its receiver.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await accounts.ReloadAsync(cancellationToken).ConfigureAwait(false);
            if (options.Dc09Port is { } port)
            {
                var settings = receiverOptions.Value;
                Receiver = new Dc09Receiver(accounts, batcher.Batcher, options.Time, settings, priorities, deviations, _meter, loggers.CreateLogger<Dc09Receiver>());
                await RememberRecentAsync(Receiver, settings.RetransmissionWindow, cancellationToken).ConfigureAwait(false);
                var server = new Dc09Server(Receiver, settings, _meter, options.Time, loggers.CreateLogger<Dc09Server>());
                try
                {
                    server.Start(IPAddress.Parse(options.Dc09Address), port);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied or SocketError.AddressNotAvailable)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                    throw new IOException($"the DC-09 port {options.Dc09Address}:{port} (TCP and UDP) cannot be used ({ex.Message}): choose another --dc09-port or stop the program that holds it.", ex);
                }

                _server = server;
            }
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }

        _ready.TrySetResult();
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The supervised "alarm-intake" loop: every 5 s, account reloads and link supervision.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        loops.RunAsync("alarm-intake", TickAsync, _ => Task.CompletedTask, stoppingToken);

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(Tick, options.Time, stoppingToken).ConfigureAwait(false);
        await accounts.ReloadAsync(stoppingToken).ConfigureAwait(false);
        await supervisor.CheckAsync(stoppingToken).ConfigureAwait(false);
    }

    private async Task RememberRecentAsync(Dc09Receiver receiver, TimeSpan window, CancellationToken cancellationToken)
    {
        var since = options.Time.GetUtcNow() - window;
        await using var db = dbFactory.CreateDbContext();
        var recent = await db.AlarmSignals.AsNoTracking()
            .Where(s => s.Source == Dc09Receiver.Source && s.MessageKey != null && s.ReceivedAt >= since)
            .Select(s => new { s.MessageKey, s.ReceivedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in recent)
        {
            receiver.Remember(row.MessageKey!, row.ReceivedAt);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
