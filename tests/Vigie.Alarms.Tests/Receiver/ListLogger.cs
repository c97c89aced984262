using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>Keeps every line logged (level and formatted message), to check what a log says and how often.</summary>
internal class ListLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _lines.Enqueue($"{logLevel} {formatter(state, exception)}");
    }
}

/// <summary>The same, for a component that asks for a typed logger.</summary>
internal sealed class ListLogger<T> : ListLogger, ILogger<T>;
