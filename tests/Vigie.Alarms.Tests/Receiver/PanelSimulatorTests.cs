using Vigie.Alarms.Receiver;
using Vigie.Alarms.Simulator;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>The panel simulator and the receiver, both Vigie's, agree on every message: both formats, in clear and encrypted, TCP and UDP.</summary>
public sealed class PanelSimulatorTests
{
    [Theory]
    [InlineData("dc03", false, false)]
    [InlineData("cid", false, false)]
    [InlineData("dc03", true, false)]
    [InlineData("cid", true, true)]
    public async Task Every_simulated_message_is_acknowledged_and_every_event_stored(string format, bool encrypted, bool udp)
    {
        await using var harness = ReceiverHarness.Create();
        var key = encrypted ? ReceiverHarness.Key : null;
        for (var i = 0; i < 5; i++)
        {
            var account = PanelSimulatorOptions.AccountNumber(0x1000, i);
            harness.Accounts.Accounts[account] = new AccountInfo(account, ReceiverHarness.Site, key, null);
        }

        var simulator = new PanelSimulator(new PanelSimulatorOptions
        {
            Port = harness.Server.Port, Udp = udp, Key = key, Format = format, Accounts = 5, Rate = 0, Count = 450,
        }, harness.Time);
        var report = await simulator.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal((450L, 450L, 0L, 0L, 0L), (report.Sent, report.Acks, report.Naks, report.Duhs, report.Timeouts));
        // Link tests (NULL) store nothing; every other message is one event, stored once.
        Assert.InRange(report.EventAcks, 300, 400);
        Assert.Equal(report.EventAcks, harness.Store.Signals.Count);
        Assert.Equal(5, harness.Store.Signals.Select(s => s.Account).Distinct().Count());
        Assert.Contains(harness.Store.Signals, s => s.Category == AlarmCategory.Intrusion && !s.IsRestore);
        Assert.Contains(harness.Store.Signals, s => s.Category == AlarmCategory.Intrusion && s.IsRestore);
        Assert.Contains(harness.Store.Signals, s => s.Category == AlarmCategory.OpeningClosing);
        Assert.Contains(harness.Store.Signals, s => s.Category == AlarmCategory.Test);
        Assert.All(harness.Store.Signals, s => Assert.False(s.UnknownAccount));
        Assert.True(report.P99Milliseconds > 0);
    }
}
