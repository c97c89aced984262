using System.Diagnostics.Metrics;
using Vigie.Domain.Logbook;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Hosting;

/// <summary>Vigie's own instruments, exported on /metrics with the ASP.NET Core ones (meter from the host's <see cref="IMeterFactory"/>).</summary>
public sealed class VigieMetrics : ILogbookListener
{
    public const string MeterName = "Vigie";

    private readonly Counter<long> _logbookEntries;

    public VigieMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _logbookEntries = meters.Create(MeterName).CreateCounter<long>("vigie.logbook.entries", unit: "{entry}", description: "Entries appended to the chained journals");
    }

    public void OnAppended(LogbookEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _logbookEntries.Add(1, new KeyValuePair<string, object?>("journal", entry.Journal == Journal.Audit ? "audit" : "main_courante"));
    }
}
