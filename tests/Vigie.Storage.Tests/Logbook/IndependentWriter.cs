using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Storage.Tests.Logbook;

/// <summary>A writer with its own factory, standing for a separate process on the same database.</summary>
internal sealed class IndependentWriter(VigieDbFactory factory) : IDisposable
{
    public LogbookWriter Writer { get; } = new(factory, TimeProvider.System, [], NullLogger<LogbookWriter>.Instance);

    public void Dispose() => Writer.Dispose();
}
