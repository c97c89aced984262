using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Vigie.Server.Hosting;
using Vigie.Server.Security;

namespace Vigie.Server.Hubs;

/// <summary>
/// The open hub connections and the session each was opened with. A hub connection is authenticated once,
/// when it opens; this keeps it honest afterwards: when a session ends (sign-out, the person's password,
/// role or sites changed, account disabled: <see cref="SessionStore.Ended"/>) its connections are closed at
/// once, so they stop receiving the sites' entries; and every <see cref="SweepInterval"/> each connection's
/// session is checked again as a request's would be (an expired card, a change made on another node or in
/// the database directly), closing those that would be refused. The client reconnects with its cookie, and
/// is refused (401) when the session is over, or watches what it may see now.
/// </summary>
public sealed partial class HubSessions : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);
    private readonly SessionValidator _validator;
    private readonly SupervisedLoops _loops;
    private readonly TimeProvider _time;
    private readonly ILogger<HubSessions> _logger;

    public HubSessions(SessionStore sessions, SessionValidator validator, SupervisedLoops loops, TimeProvider time, ILogger<HubSessions> logger)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _validator = validator;
        _loops = loops;
        _time = time;
        _logger = logger;
        sessions.Ended += Close;
    }

    public int Count => _connections.Count;

    public void Opened(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections[connection.ConnectionId] = connection;
    }

    public void Closed(HubCallerContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connections.TryRemove(connection.ConnectionId, out _);
    }

    /// <summary>Checks every open connection's session now; closes those a request would refuse.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in _connections.Values)
        {
            if (await _validator.FindReasonToEndAsync(connection.User, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                Abort(connection, reason);
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _loops.RunAsync("hub-sessions", SweepAsync, token => Task.Delay(SweepInterval, _time, token), stoppingToken);

    private void Close(SessionsEnded ended)
    {
        foreach (var connection in _connections.Values)
        {
            if (VigieClaims.PersonIdOf(connection.User) is { } person && VigieClaims.SessionIdOf(connection.User) is { } session && ended.Covers(person, session))
            {
                Abort(connection, ended.Reason);
            }
        }
    }

    private void Abort(HubCallerContext connection, string reason)
    {
        if (_connections.TryRemove(connection.ConnectionId, out _))
        {
            LogClosed(_logger, connection.User?.Identity?.Name ?? "?", reason);
            connection.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub connection of {UserName} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string userName, string reason);
}
