using Microsoft.Extensions.Options;
using Vigie.Media.Recording;
using Vigie.Media.Retention;
using Vigie.Testing;

namespace Vigie.Server.Tests.Hosting;

/// <summary>The host's options and the engines' settings are read from configuration and checked before anything starts.</summary>
public sealed class HostOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recording_and_retention_settings_are_read_from_the_data_folder_settings_file()
    {
        await using var host = await TestHost.StartAsync(configure: o =>
        {
            File.WriteAllText(Path.Combine(o.DataFolder, "appsettings.json"), """
                { "Recording": { "SegmentDuration": "00:00:30", "VideoLossDelay": "00:00:20", "CameraPoll": "00:01:00" },
                  "Retention": { "Interval": "00:15:00", "MinimumFreeBytes": 500000000 } }
                """);
            return o;
        });

        var recording = host.Service<IOptions<RecordingOptions>>().Value;
        var retention = host.Service<IOptions<RetentionOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1)), (recording.SegmentDuration, recording.VideoLossDelay, recording.CameraPoll));
        Assert.Equal((TimeSpan.FromMinutes(15), 500_000_000L), (retention.Interval, retention.MinimumFreeBytes));
    }

    [Fact]
    public async Task Without_settings_the_engines_get_their_safe_defaults_and_a_host_override_wins_over_the_file()
    {
        await using var host = await TestHost.StartAsync(configure: o =>
        {
            File.WriteAllText(Path.Combine(o.DataFolder, "appsettings.json"), """{ "Recording": { "SegmentDuration": "00:00:30" } }""");
            return o with { SegmentDuration = TimeSpan.FromSeconds(2) };
        });

        var recording = host.Service<IOptions<RecordingOptions>>().Value;
        var retention = host.Service<IOptions<RetentionOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)), (recording.SegmentDuration, recording.VideoLossDelay, recording.CameraPoll));
        Assert.Equal((TimeSpan.FromMinutes(5), 2L * 1024 * 1024 * 1024), (retention.Interval, retention.MinimumFreeBytes));
    }

    [Theory]
    [InlineData("Recording:SegmentDuration", "00:00:00")]
    [InlineData("Recording:VideoLossDelay", "00:00:01")]
    [InlineData("Recording:CameraPoll", "1.00:00:00")]
    [InlineData("Retention:Interval", "00:00:01")]
    [InlineData("Retention:MinimumFreeBytes", "-1")]
    public async Task A_recording_or_retention_setting_out_of_its_range_stops_the_host_at_start_naming_it(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(configure: o => o with
        {
            Settings = new Dictionary<string, string?> { [key] = value },
        }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_that_is_not_one_stops_the_host_at_start_naming_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHost.StartAsync(configure: o => o with
        {
            Settings = new Dictionary<string, string?> { ["Recording:SegmentDuration"] = "a minute" },
        }));

        Assert.Contains("Recording:SegmentDuration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--dc09-address", "panels.example")]
    [InlineData("--dc09-port", "70000")]
    [InlineData("--urls", "ftp://127.0.0.1:2121")]
    public async Task A_host_option_that_does_not_make_sense_stops_serve_with_exit_code_2_naming_it(string option, string value)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        string[] args = option == "--urls"
            ? ["serve", "--data", folder, "--urls", value]
            : ["serve", "--data", folder, "--urls", $"http://127.0.0.1:{DemoProcess.FreePort()}", option, value];

        var result = await VigieProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"vigie: cannot start: the host options do not make sense: {option}", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "vigie.db")), "nothing is created before the options are checked");
    }

    [Fact]
    public async Task A_setting_out_of_its_range_in_the_data_folder_stops_serve_with_exit_code_2_naming_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), """{ "Recording": { "SegmentDuration": "00:00:00" } }""", Ct);

        var result = await VigieProcess.RunAsync("serve", "--data", folder, "--urls", $"http://127.0.0.1:{DemoProcess.FreePort()}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigie: cannot start:", result.Error, StringComparison.Ordinal);
        Assert.Contains("Recording:SegmentDuration must be between 00:00:01 and 01:00:00", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.All, StringComparison.Ordinal);
    }
}
