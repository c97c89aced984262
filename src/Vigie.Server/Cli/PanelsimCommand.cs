using System.CommandLine;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Simulator;

namespace Vigie.Server.Cli;

/// <summary>`vigie panelsim`: simulated alarm panels sending DC-09 to a receiver, with ACK/NAK counts and latencies.</summary>
internal static class PanelsimCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Receiver address", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Receiver port", DefaultValueFactory = _ => 9009 };
        var udp = new Option<bool>("--udp") { Description = "Send over UDP instead of TCP" };
        var key = new Option<string?>("--aes-key") { Description = "AES key in hex (32, 48 or 64 digits) shared by the simulated accounts; omit to send in clear" };
        var format = new Option<string>("--format") { Description = "dc03 (SIA-DCS) or cid (ADM-CID)", DefaultValueFactory = _ => "dc03" };
        format.AcceptOnlyFromAmong("dc03", "cid");
        var accounts = new Option<int>("--accounts") { Description = "Number of panels, each on its own connection; accounts 1000, 1001, … (hex)", DefaultValueFactory = _ => 1 };
        var first = new Option<string>("--first-account") { Description = "First account number (hex)", DefaultValueFactory = _ => "1000" };
        var rate = new Option<double>("--rate") { Description = "Messages per second over all panels; 0: as fast as the receiver answers", DefaultValueFactory = _ => 1 };
        var count = new Option<long>("--count") { Description = "Messages to send in all; 0: until Ctrl+C", DefaultValueFactory = _ => 0 };
        var zones = new Option<int>("--zones") { Description = "Alarm zones per panel (1…N); a restore reports its alarm's zone", DefaultValueFactory = _ => 63 };
        var only = new Option<string?>("--only") { Description = "Send only these codes of the cycle, comma-separated (e.g. BA for intrusions only; BA,BR,TA,TR,OP,CL,RP,NULL)" };
        var command = new Command("panelsim", "Simulated alarm panels: send DC-09 traffic (alarms, restores, openings, closings, tests) and report ACK/NAK counts and latencies")
        {
            host, port, udp, key, format, accounts, first, rate, count, zones, only,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            byte[]? aes = null;
            if (result.GetValue(key) is { } hex)
            {
                try
                {
                    aes = Convert.FromHexString(hex);
                }
                catch (FormatException)
                {
                    aes = null;
                }

                if (aes is null || !Dc09Encryption.IsValidKey(aes))
                {
                    await Console.Error.WriteLineAsync("vigie: --aes-key must be 32, 48 or 64 hex digits").ConfigureAwait(false);
                    return 2;
                }
            }

            if (!int.TryParse(result.GetValue(first), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var firstAccount) || result.GetValue(accounts) < 1)
            {
                await Console.Error.WriteLineAsync("vigie: --first-account must be hex and --accounts at least 1").ConfigureAwait(false);
                return 2;
            }

            var options = new PanelSimulatorOptions
            {
                Host = result.GetValue(host)!,
                Port = result.GetValue(port),
                Udp = result.GetValue(udp),
                Key = aes,
                Format = result.GetValue(format)!,
                Accounts = result.GetValue(accounts),
                FirstAccount = firstAccount,
                Rate = result.GetValue(rate),
                Count = result.GetValue(count),
                Zones = Math.Max(1, result.GetValue(zones)),
                Only = result.GetValue(only)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            PanelReport report;
            try
            {
                Console.WriteLine($"Sending {(options.Count > 0 ? options.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unlimited")} {options.Format} messages from {options.Accounts} panel(s) to {options.Host}:{options.Port} ({(options.Udp ? "UDP" : "TCP")}{(aes is null ? string.Empty : $", AES-{aes.Length * 8}")}); Ctrl+C stops.");
                report = await new PanelSimulator(options, Hosting.SystemClocks.Wall).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"vigie: --only: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            Console.WriteLine(report);
            return report.Acks + report.Duhs > 0 && report.Timeouts == 0 ? 0 : 1;
        });
        return command;
    }
}
