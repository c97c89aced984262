using Vigie.Domain.Logbook;

namespace Vigie.Storage.Logbook;

/// <summary>Told of every entry after it is committed (live console updates). Must not block or throw.</summary>
public interface ILogbookListener
{
    void OnAppended(LogbookEntry entry);
}
