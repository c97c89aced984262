using Microsoft.EntityFrameworkCore;
using Vigie.Alarms.Dc09;
using Vigie.Domain.Alarms;
using Vigie.Server.Alarms;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>The installation's priorities per category (configuration <c>Alarms:Priorities</c>) reach every intake.</summary>
public sealed class PriorityConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_configured_priority_is_stored_on_dc09_and_supervision_signals()
    {
        await using var host = await TestHost.StartAsync(configure: o => o with
        {
            Dc09Port = 0,
            Settings = new Dictionary<string, string?> { ["Alarms:Priorities:intrusion"] = "1", ["Alarms:Priorities:TechnicalFault"] = "8" },
        });
        var site = await host.CreateSiteAsync("Agence");
        await host.Service<TransmitterAccountRegistry>().SaveAsync("C0FFEE", site.Id.ToString(), null, TimeSpan.FromSeconds(60), "test", Ct);
        await host.Service<AccountDirectory>().ReloadAsync(Ct);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        var ack = await Dc09TestClient.SendAsync(intake.Dc09Port!.Value, Dc09FrameWriter.Write(Dc09Frame.ContactId, 3, null, "0", "C0FFEE", "#C0FFEE|1130 01 004]"), null, Ct);
        host.Time.Advance(TimeSpan.FromSeconds(100));
        await host.Service<TransmissionSupervisor>().CheckAsync(Ct);

        Assert.Equal(Dc09Frame.Ack, ack.Type);
        await using var db = host.Service<VigieDbFactory>().CreateDbContext();
        var signals = await db.AlarmSignals.OrderBy(s => s.Id).Select(s => new { s.Category, s.Priority }).ToListAsync(Ct);
        // The host's own supervision tick may run the check too once the clock moves: every fault it raises counts.
        Assert.Equal((AlarmCategory.Intrusion, 1), (signals[0].Category, signals[0].Priority));
        Assert.NotEmpty(signals.Skip(1));
        Assert.All(signals.Skip(1), s => Assert.Equal((AlarmCategory.TechnicalFault, 8), (s.Category, s.Priority)));
    }

    [Fact]
    public async Task Priorities_are_read_from_the_data_folder_settings_file()
    {
        await using var host = await TestHost.StartAsync(configure: o =>
        {
            File.WriteAllText(Path.Combine(o.DataFolder, "appsettings.json"), """{ "Alarms": { "Priorities": { "intrusion": 1, "hold_up": 2 } } }""");
            return o;
        });

        var priorities = host.Service<AlarmPriorities>();

        Assert.Equal((1, 2, 1), (priorities.Of(AlarmCategory.Intrusion), priorities.Of(AlarmCategory.HoldUp), priorities.Of(AlarmCategory.Fire)));
    }

    [Theory]
    [InlineData("burglary", "1")]
    [InlineData("fire", "10")]
    public async Task A_priority_setting_that_does_not_make_sense_stops_the_host_at_start(string category, string priority)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestHost.StartAsync(configure: o => o with
        {
            Settings = new Dictionary<string, string?> { [$"Alarms:Priorities:{category}"] = priority },
        }));

        Assert.Contains("Alarms:Priorities", error.Message, StringComparison.Ordinal);
    }
}
