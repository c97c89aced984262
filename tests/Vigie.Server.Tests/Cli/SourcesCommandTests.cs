using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Vigie.Server.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Cli;

/// <summary>The real `vigie sources` verbs on the data folder of a running host.</summary>
public sealed class SourcesCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_webhook_declared_from_the_shell_prints_its_token_once_and_the_running_host_accepts_it()
    {
        await using var host = await TestHost.StartAsync();
        await host.CreateSiteAsync("Entrepôt");

        var added = await VigieProcess.RunAsync("sources", "add-webhook", "--data", host.DataFolder, "--name", "NVR-Quai", "--site", "Entrepôt");
        var mqtt = await VigieProcess.RunAsync("sources", "add-mqtt", "--data", host.DataFolder, "--name", "gtb", "--site", "Entrepôt", "--broker", "mqtt://127.0.0.1:1", "--topic", "alarms/#");
        var list = await VigieProcess.RunAsync("sources", "list", "--data", host.DataFolder);
        var badSite = await VigieProcess.RunAsync("sources", "add-webhook", "--data", host.DataFolder, "--name", "other", "--site", "Nulle part");
        var badTopic = await VigieProcess.RunAsync("sources", "add-mqtt", "--data", host.DataFolder, "--name", "bad", "--site", "Entrepôt", "--broker", "mqtt://h", "--topic", "a/#/b");

        Assert.True(added.ExitCode == 0, added.All);
        var token = added.Output.Split(' ', '\n').Single(w => w.StartsWith(IntakeSourceRegistry.TokenPrefix, StringComparison.Ordinal)).Trim();
        Assert.True(mqtt.ExitCode == 0, mqtt.All);
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains("nvr-quai\twebhook\tenabled\tPOST /api/intake/webhook/nvr-quai", list.Output, StringComparison.Ordinal);
        Assert.Contains("gtb\tmqtt\tenabled\tmqtt://127.0.0.1:1 topic 'alarms/#'", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list.All, StringComparison.Ordinal);
        Assert.Equal(1, badSite.ExitCode);
        Assert.Equal(2, badTopic.ExitCode);
        Assert.Contains("topic filter", badTopic.Error, StringComparison.Ordinal);

        await host.Service<IntakeSourceDirectory>().ReloadAsync(Ct);
        using var client = await host.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intake/webhook/nvr-quai") { Content = new StringContent("""{"event_id":"1","category":"test"}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request, Ct)).StatusCode);
    }
}
