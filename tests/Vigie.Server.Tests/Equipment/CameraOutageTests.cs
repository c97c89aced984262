using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Media.Simulator;
using Vigie.Server.Features.Alarms;
using Vigie.Server.Features.Equipment;
using Vigie.Server.Features.Sites;
using Vigie.Testing;

namespace Vigie.Server.Tests.Equipment;

/// <summary>
/// A simulator camera stopped and started again, recorded by the real host on the wall clock: the technical alarm
/// comes within the configured delay, a ticket is opened from it and its network test finds the camera unreachable,
/// the camera's return restores the alarm, and the availability shows the outage to the second.
/// </summary>
public sealed class CameraOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan VideoLossDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RaiseAfter = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_stopped_camera_raises_a_technical_alarm_a_ticket_follows_it_and_the_outage_is_counted_to_the_second()
    {
        var port = DemoProcess.FreePort();
        var simulator = await StartSimulatorAsync(port);
        await using var host = await TestHost.StartAsync(configure: o => o with
        {
            Record = true,
            Time = TimeProvider.System,
            SegmentDuration = TimeSpan.FromSeconds(2),
            VideoLossDelay = VideoLossDelay,
            Settings = new Dictionary<string, string?>
            {
                ["Equipment:Interval"] = "00:00:00.250",
                ["Equipment:RaiseAfter"] = "00:00:01",
                ["Equipment:RestoreAfter"] = "00:00:03",
            },
        });
        var site = await host.CreateSiteAsync("Gare");
        var camera = await host.Service<SiteService>().SaveCameraAsync(TestHost.SystemAdministrator, null,
            new CameraInput(site.Id, "Quai", $"rtsp://127.0.0.1:{port}/cam1", null, null, null, 30), Ct);
        await host.CreatePersonAsync("op", Domain.People.Role.Operator, [site]);
        using var op = await host.ClientAsync("op");
        var id = $"camera:{camera.Id:N}";
        await WaitAsync(async () => (await DeviceAsync(op, id))?.State == "ok", TimeSpan.FromSeconds(30));

        var stoppedAt = TimeProvider.System.GetUtcNow();
        await simulator.DisposeAsync();
        AlarmDto? alarm = null;
        await WaitAsync(async () => (alarm = (await TechnicalAlarmTests.OpenTechnicalAsync(op)).FirstOrDefault()) is not null, TimeSpan.FromSeconds(30));
        var raisedAfter = TimeProvider.System.GetUtcNow() - stoppedAt;
        // The loss delay, the raise delay, a pass of the loop and of the queue, and the test's own polling.
        Assert.True(raisedAfter < VideoLossDelay + RaiseAfter + TimeSpan.FromSeconds(3), $"raised {raisedAfter.TotalSeconds:0.0} s after the stop");
        Assert.Contains("Caméra « Quai » : hors ligne", alarm!.Title, StringComparison.Ordinal);
        Assert.Equal(site.Id, alarm.SiteId);
        Assert.Equal(4, alarm.Priority);

        var opened = await op.PostAsJsonAsync("/api/tickets", new { alarmId = alarm.Id }, Ct);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var ticket = (await opened.Content.ReadFromJsonAsync<FaultTicketService.TicketDetail>(Ct))!;
        Assert.Equal(id, ticket.Ticket.Device);
        Assert.Equal("camera.offline", ticket.Ticket.FaultCode);
        Assert.Equal(["network", "diagnostic", "reboot", "call"], ticket.Guide.Select(g => g.Code));
        var network = await StepAsync(op, ticket.Ticket.Id, new { step = "network", run = true });
        var record = Assert.Single(network.Steps);
        Assert.Equal("failed", record.Outcome);
        Assert.Contains("injoignable", record.Result, StringComparison.Ordinal);
        var reboot = await StepAsync(op, ticket.Ticket.Id, new { step = "reboot", run = true });
        Assert.Contains("Aucun redémarrage à distance", reboot.Steps[^1].Result, StringComparison.Ordinal);

        var restartedAt = TimeProvider.System.GetUtcNow();
        await using var back = await StartSimulatorAsync(port);
        await WaitAsync(async () => (await TechnicalAlarmTests.OpenTechnicalAsync(op)).Single().Restored, TimeSpan.FromSeconds(45));
        var diagnostic = await StepAsync(op, ticket.Ticket.Id, new { step = "diagnostic", run = true });
        Assert.Equal("done", diagnostic.Steps[^1].Outcome);
        Assert.Contains("images/s", diagnostic.Steps[^1].Result, StringComparison.Ordinal);
        var closed = await op.PostAsJsonAsync($"/api/tickets/{ticket.Ticket.Id}/close", new { fix = "Caméra redémarrée sur place" }, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var detail = (await op.GetFromJsonAsync<EquipmentService.DeviceDetail>($"/api/equipment/{id}", Vigie.Server.Api.ApiJson.Options, Ct))!;
        var history = detail.History.OrderBy(h => h.At).ToList();
        var fault = history.Single(h => h.State == "fault");
        var after = history.First(h => h.At > fault.At);
        Assert.InRange(fault.At, stoppedAt, stoppedAt + VideoLossDelay + TimeSpan.FromSeconds(2));
        Assert.InRange(after.At, restartedAt, restartedAt + TimeSpan.FromSeconds(45));
        var outage = (after.At - fault.At).TotalSeconds;
        Assert.Equal(outage, detail.Day.FaultSeconds, 0.002);
        Assert.Equal(1, detail.Day.Outages);
        Assert.Equal(100 * (1 - (detail.Day.FaultSeconds / detail.Day.SupervisedSeconds)), detail.Day.Percent!.Value, 0.01);
        Assert.True(detail.Day.Percent < 100);
        Assert.Contains(detail.Tickets, t => t.Id == ticket.Ticket.Id && t.Fix == "Caméra redémarrée sur place");
        var logbook = await TechnicalAlarmTests.MainCouranteAsync(host);
        Assert.Contains(logbook, t => t.StartsWith($"Ticket de panne n° {ticket.Ticket.Id} ouvert pour « Quai »", StringComparison.Ordinal) && t.Contains($"alarme #{alarm.Id}", StringComparison.Ordinal));
        Assert.Contains(logbook, t => t.Contains("Vérifier le chemin réseau", StringComparison.Ordinal) && t.Contains("injoignable", StringComparison.Ordinal));
        Assert.Contains(logbook, t => t == $"Ticket de panne n° {ticket.Ticket.Id} (« Quai ») clos : Caméra redémarrée sur place.");

        // The month's report: the camera's outage, the ticket closed; as CSV and as a PDF with its chart.
        var report = (await op.GetFromJsonAsync<EquipmentReport.Report>("/api/equipment/report", Vigie.Server.Api.ApiJson.Options, Ct))!;
        var row = report.Devices.Single(d => d.Id == id);
        Assert.Equal(1, row.Outages);
        Assert.True(row.FaultSeconds >= outage - 0.002, $"{row.FaultSeconds} s in fault in the report, {outage} s measured");
        Assert.Equal(row.FaultSeconds, row.MeanTimeToRepairSeconds!.Value, 0.002);
        Assert.Equal(1, report.Tickets.Closed);
        Assert.Equal("Gare", Assert.Single(report.Sites, s => s.SiteId == site.Id).Site);
        var csv = await op.GetStringAsync("/api/equipment/report.csv", Ct);
        Assert.Contains($",Gare,camera,Quai,{id},", csv, StringComparison.Ordinal);
        var pdf = Path.Combine(host.DataFolder, "report.pdf");
        await File.WriteAllBytesAsync(pdf, await op.GetByteArrayAsync("/api/equipment/report.pdf", Ct), Ct);
        var text = (await VigieProcess.RunToolAsync("pdftotext", "-layout", pdf, "-")).Output;
        Assert.Contains("Disponibilité des équipements", text, StringComparison.Ordinal);
        Assert.Contains("Quai : 1 coupure(s)", text, StringComparison.Ordinal);
        Assert.Contains("1 clos", text, StringComparison.Ordinal);
    }

    private static async Task<FaultTicketService.TicketDetail> StepAsync(HttpClient client, long ticket, object step)
    {
        var response = await client.PostAsJsonAsync($"/api/tickets/{ticket}/steps", step, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FaultTicketService.TicketDetail>(Ct))!;
    }

    internal static async Task<DeviceView?> DeviceAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<DeviceView[]>("/api/equipment", Ct))!.FirstOrDefault(d => d.Id == id);

    private static async Task<CameraSimulator> StartSimulatorAsync(int port)
    {
        var simulator = new CameraSimulator(new CameraSimulatorOptions { Cameras = 1, Port = port, LiveClock = false, Sources = [], CacheFolder = SimulatorCache.Folder }, NullLogger.Instance);
        await simulator.StartAsync(Ct);
        return simulator;
    }

    internal static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < until, "condition not met in time");
            await Task.Delay(100, Ct);
        }
    }
}
