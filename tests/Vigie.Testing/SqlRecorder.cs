using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Storage.Database;

namespace Vigie.Testing;

/// <summary>
/// Records the SQL that EF Core sends on behalf of the test's own calls: commands run in the async flow of
/// <see cref="Start"/>, never those of the host's background loops, so a test sees exactly which queries one call ran.
/// </summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    private static readonly AsyncLocal<List<string>?> Current = new();

    /// <summary>Gives the host a database factory that reports to this recorder (pass to <see cref="TestHost.StartAsync"/>'s <c>services</c>).</summary>
    public void Attach(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var hosts = services.Last(d => d.ServiceType == typeof(VigieDbFactory)).ImplementationInstance as VigieDbFactory
            ?? throw new InvalidOperationException("The host registers no VigieDbFactory instance.");
        services.AddSingleton(new VigieDbFactory(hosts.Settings, [this]));
    }

    /// <summary>Starts recording the commands of the current async flow; read them from the list while it is open.</summary>
    public static Recording Start()
    {
        var commands = new List<string>();
        Current.Value = commands;
        return new Recording(commands);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    private static void Add(DbCommand command)
    {
        if (Current.Value is { } commands)
        {
            lock (commands)
            {
                commands.Add(command.CommandText);
            }
        }
    }

    /// <summary>The commands recorded since <see cref="Start"/>; disposing stops the recording.</summary>
    public sealed class Recording(List<string> commands) : IDisposable
    {
        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (commands)
                {
                    return [.. commands];
                }
            }
        }

        public void Dispose() => Current.Value = null;
    }
}
