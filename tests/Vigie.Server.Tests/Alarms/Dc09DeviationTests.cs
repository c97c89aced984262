using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Vigie.Alarms.Dc09;
using Vigie.Domain.People;
using Vigie.Server.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>A panel that leaves out the line prefix is received by the host, and its deviation shows on /metrics, in the API and on the console's transmitter list.</summary>
public sealed class Dc09DeviationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_panel_without_line_prefix_is_acknowledged_over_tcp_and_udp_and_its_deviation_counted_on_metrics_and_in_the_transmitters_api()
    {
        await using var host = await TestHost.StartAsync(configure: o => o with { Dc09Port = 0 });
        var site = await host.CreateSiteAsync("Bureau de poste");
        await host.Service<TransmitterAccountRegistry>().SaveAsync("4B1D", site.Id.ToString(), null, null, "test", Ct);
        await host.Service<AccountDirectory>().ReloadAsync(Ct);
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var port = intake.Dc09Port!.Value;
        var now = Dc09Timestamp.Write(host.Time.GetUtcNow());

        var tcp = await Dc09TestClient.SendAsync(port, Dc09FrameWriter.Frame($"\"SIA-DCS\"0001#4B1D[#4B1D|Nri1/BA12]{now}"), null, Ct);
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await udp.SendAsync(Dc09FrameWriter.Frame($"\"SIA-DCS\"0002#4B1D[#4B1D|Nri1/BR12]{now}"), new IPEndPoint(IPAddress.Loopback, port), Ct);
        var datagram = (await udp.ReceiveAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Ct)).Buffer;

        Assert.Equal((Dc09Frame.Ack, 1, (string?)null, (string?)null), (tcp.Type, tcp.Sequence, tcp.Receiver, tcp.Line));
        Assert.Equal(Dc09FrameWriter.Frame("\"ACK\"0002#4B1D[]"), datagram);
        using var client = await host.ClientAsync();
        var metrics = (await client.GetStringAsync("/metrics", Ct)).Split('\n');
        Assert.Contains(metrics, l => l.StartsWith("vigie_dc09_deviations_total{", StringComparison.Ordinal)
            && l.Contains("account=\"4B1D\"", StringComparison.Ordinal) && l.Contains("deviation=\"line_missing\"", StringComparison.Ordinal) && l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0] == "2");

        await host.CreatePersonAsync("op", Role.Operator, [site]);
        using var operatorClient = await host.ClientAsync("op");
        var transmitter = Assert.Single(await operatorClient.GetFromJsonAsync<List<TransmitterView>>("/api/transmitters", Ct) ?? []);
        Assert.Equal(new Dictionary<string, long> { ["line_missing"] = 2 }, transmitter.Deviations);
        Assert.Contains("\"deviations\":{\"line_missing\":2}", await operatorClient.GetStringAsync("/api/transmitters", Ct), StringComparison.Ordinal);
    }
}
