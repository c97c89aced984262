using System.Collections.Concurrent;
using Vigie.Domain.Logbook;
using Vigie.Storage.Logbook;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>Keeps what the writer announced, to check listeners hear of committed entries only.</summary>
internal sealed class RecordingListener : ILogbookListener
{
    public ConcurrentQueue<LogbookEntry> Heard { get; } = new();

    public void OnAppended(LogbookEntry entry) => Heard.Enqueue(entry);
}
