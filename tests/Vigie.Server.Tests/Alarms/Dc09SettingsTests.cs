using System.Text;
using Microsoft.Extensions.Options;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Receiver;
using Vigie.Server.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>The DC-09 receiver's settings come from the configuration section <c>Alarms:Dc09</c> and are checked when the host starts.</summary>
public sealed class Dc09SettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_receiver_takes_its_limits_from_the_alarms_dc09_settings()
    {
        await using var host = await TestHost.StartAsync(configure: o => o with
        {
            Dc09Port = 0,
            Settings = new Dictionary<string, string?> { ["Alarms:Dc09:MaxFrameBytes"] = "256", ["Alarms:Dc09:FrameTimeout"] = "00:00:03" },
        });
        var intake = host.Service<AlarmIntakeService>();
        await intake.Ready.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var now = Dc09Timestamp.Write(host.Time.GetUtcNow());

        var settings = host.Service<IOptions<Dc09ReceiverOptions>>().Value;
        Assert.Equal((256, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(5)), (settings.MaxFrameBytes, settings.FrameTimeout, settings.IdleTimeout));
        // A frame of 300 bytes is past the configured cap (the default, 2048, would take it); a short one is not.
        var text = new string('x', 240);
        var tooLong = Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 1, null, "0", "777", $"#777|NBA1|A{text}]{now}");
        Assert.InRange(tooLong.Length, 257, 400);
        Assert.Equal(Dc09Frame.Nak, (await Dc09TestClient.SendAsync(intake.Dc09Port!.Value, tooLong, null, Ct)).Type);
        Assert.Equal(Dc09Frame.Ack, (await Dc09TestClient.SendAsync(intake.Dc09Port!.Value, Dc09FrameWriter.Write(Dc09Frame.SiaDcs, 2, null, "0", "777", $"#777|NBA1]{now}"), null, Ct)).Type);
    }

    [Theory]
    [InlineData("Alarms:Dc09:FrameTimeout", "00:00:00", "Alarms:Dc09:FrameTimeout must be between 00:00:01 and 00:10:00")]
    [InlineData("Alarms:Dc09:MaxFrameBytes", "100000", "Alarms:Dc09:MaxFrameBytes must be between 256 and 65536")]
    [InlineData("Alarms:Dc09:MaxConnectionsPerAddress", "5000", "Alarms:Dc09:MaxConnectionsPerAddress (5000) cannot exceed Alarms:Dc09:MaxConnections (2000)")]
    public async Task A_dc09_setting_out_of_range_stops_the_host_at_start_with_the_setting_named(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(configure: o => o with
        {
            Dc09Port = 0,
            Settings = new Dictionary<string, string?> { [key] = value },
        }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vigie_serve_refuses_to_start_on_a_dc09_setting_that_is_not_a_time_span_and_says_which()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), """{ "Alarms": { "Dc09": { "IdleTimeout": "five minutes" } } }""", Encoding.UTF8, Ct);

        var result = await VigieProcess.RunAsync("serve", "--data", folder, "--urls", "http://127.0.0.1:0", "--dc09-port", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigie: cannot start:", result.Error, StringComparison.Ordinal);
        Assert.Contains("Alarms:Dc09:IdleTimeout", result.Error, StringComparison.Ordinal);
    }
}
