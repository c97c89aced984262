using System.Diagnostics;
using System.Globalization;
using Vigie.Domain.Alarms;
using Vigie.Storage.Alarms;

namespace Vigie.Bench.Alarms;

/// <summary>
/// <c>store</c>: the storage step alone, on the same fresh database as the host would use — batches of
/// realistic DC-09 signals committed by EF Core <c>SaveChanges</c> (how the store worked before) and by
/// <see cref="AlarmSignalInserter"/> (prepared INSERT / binary COPY), alternating, with durable commits.
/// </summary>
public static class StoreRun
{
    public static async Task RunAsync(BenchOptions options, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var host = await HostUnderTest.StartAsync(options, [], cancellationToken, startHost: false).ConfigureAwait(false);
        var batches = Math.Max(1, 20_000 / batchSize);
        var rates = new Dictionary<string, List<double>> { ["EF Core SaveChanges"] = [], ["AlarmSignalInserter"] = [] };
        var n = 0;
        // As the host stores: one writer, its connection kept from one batch to the next.
        await using var writer = new AlarmSignalWriter(host.Factory);
        for (var run = 0; run < options.Runs; run++)
        {
            foreach (var variant in run % 2 == 0 ? rates.Keys.ToArray() : rates.Keys.Reverse().ToArray())
            {
                var clock = Stopwatch.StartNew();
                for (var b = 0; b < batches; b++)
                {
                    var signals = Enumerable.Range(0, batchSize).Select(_ => Signal(n++)).ToList();
                    if (variant == "AlarmSignalInserter")
                    {
                        await writer.WriteAsync(signals, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await using var db = host.Factory.CreateDbContext();
                        db.ChangeTracker.AutoDetectChangesEnabled = false;
                        db.AlarmSignals.AddRange(signals);
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                rates[variant].Add(batches * batchSize / clock.Elapsed.TotalSeconds);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {host.Description}, batches of {batchSize}, {batches * batchSize:N0} signals per run, {options.Runs} runs, load {LoadSession.LoadAverage()}"));
        foreach (var (variant, values) in rates)
        {
            var sorted = values.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(options.Database is null ? "sqlite" : "postgres")} | {batchSize} | {variant} | {sorted[sorted.Length / 2]:N0} | {sorted[0]:N0} – {sorted[^1]:N0} |"));
        }
    }

    private static AlarmSignal Signal(int n)
    {
        var account = (0x100000 + (n % 1000)).ToString("X", CultureInfo.InvariantCulture);
        var payload = string.Create(CultureInfo.InvariantCulture, $"#{account}|Nri1/BA{n % 997:D3}");
        var now = TimeProvider.System.GetUtcNow();
        return new AlarmSignal("dc09", now, null, account, "BA", AlarmCategory.Intrusion, false, 2, $"Compte inconnu {account} : Alarme intrusion zone {n % 997}", $"Unknown account {account}: Burglary alarm zone {n % 997}",
            $"\\n1F2E0040\"SIA-DCS\"{(n % 9999) + 1:D4}R1L1#{account}[{payload}]_09:30:15,11-29-2026\\r")
        {
            Zone = (n % 997).ToString(CultureInfo.InvariantCulture), Area = "1", SentAt = now, MessageKey = $"{account}/{(n % 9999) + 1:D4}/SIA-DCS/{payload}", Remote = "127.0.0.1:40000", UnknownAccount = true,
        };
    }
}
