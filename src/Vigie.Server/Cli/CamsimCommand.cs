using System.CommandLine;
using Microsoft.Extensions.Logging;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Simulator;

namespace Vigie.Server.Cli;

/// <summary>`vigie camsim`: the camera simulator, an RTSP server of looping and live H.264 cameras.</summary>
internal static class CamsimCommand
{
    public static Command Create()
    {
        var cameras = new Option<int>("--cameras") { Description = "Number of cameras, served as /cam1 … /camN", DefaultValueFactory = _ => 4 };
        var port = new Option<int>("--port") { Description = "RTSP port", DefaultValueFactory = _ => 8554 };
        var sources = new Option<string[]>("--source") { Description = "Video file to play (repeatable; cameras cycle through them). Default: vtest.avi, a live clock, synthetic 720p scenes", AllowMultipleArgumentsPerToken = false };
        var udp = new Option<bool>("--udp") { Description = "Serve RTP over UDP only (refuse TCP interleaved with 461), to exercise UDP ingest" };
        var faulty = new Option<int[]>("--faulty") { Description = "Camera number that sends hostile RTP (bad lengths, truncated FU-A, huge NAL units, wrong payload types) between its frames; repeatable" };
        var bind = new Option<string>("--bind") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var control = new Option<bool>("--control")
        {
            Description = "Read commands on standard input (for benchmarks): 'end' ends every session after sending what is queued, refuses new ones " +
                "and prints one line per session with the frames it was offered, sent and skipped; 'resume' accepts sessions again. " +
                "The simulator stops at the end of standard input.",
        };
        var command = new Command("camsim", "Run the camera simulator: rtsp://127.0.0.1:PORT/cam1 … /camN until stopped (Ctrl+C)") { cameras, port, sources, udp, faulty, bind, control };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
            }));
            var logger = loggerFactory.CreateLogger("Vigie.Camsim");
            var options = new CameraSimulatorOptions
            {
                Cameras = result.GetValue(cameras),
                Port = result.GetValue(port),
                Sources = result.GetValue(sources) ?? [],
                UdpOnly = result.GetValue(udp),
                BindAddress = result.GetValue(bind)!,
                Faulty = (result.GetValue(faulty) ?? []).ToHashSet(),
                AccountSessions = result.GetValue(control),
            };
            if (options.Cameras < 1)
            {
                await Console.Error.WriteLineAsync("vigie: --cameras must be at least 1").ConfigureAwait(false);
                return 2;
            }

            await using var simulator = new CameraSimulator(options, logger);
            try
            {
                await simulator.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FfmpegException or FileNotFoundException or System.Net.Sockets.SocketException)
            {
                await Console.Error.WriteLineAsync($"vigie: camsim cannot start: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            Console.WriteLine($"Serving {options.Cameras} cameras: {simulator.UrlOf(1)} … {simulator.UrlOf(options.Cameras)}");
            try
            {
                if (options.AccountSessions)
                {
                    await ControlAsync(simulator, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving.
            }

            return 0;
        });
        return command;
    }

    /// <summary>The `--control` loop: one command per line on standard input, answers on standard output.</summary>
    private static async Task ControlAsync(CameraSimulator simulator, CancellationToken cancellationToken)
    {
        using var input = new StreamReader(Console.OpenStandardInput());
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            switch (line.Trim())
            {
                case "end":
                    var served = await simulator.EndSessionsAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                    foreach (var session in served)
                    {
                        Console.WriteLine(FormattableString.Invariant(
                            $"served {session.Camera} {session.Client} offered={session.Offered} sent={session.Sent} skipped={session.Skipped}"));
                    }

                    Console.WriteLine(FormattableString.Invariant($"ended {served.Count}"));
                    break;
                case "resume":
                    simulator.Resume();
                    Console.WriteLine("resumed");
                    break;
                case "":
                    break;
                default:
                    Console.WriteLine($"unknown command '{line.Trim()}' (end, resume)");
                    break;
            }
        }
    }
}
