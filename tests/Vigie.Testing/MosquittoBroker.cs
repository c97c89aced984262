using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace Vigie.Testing;

/// <summary>
/// A real MQTT broker for tests: Debian's <c>mosquitto</c> on a free loopback port, with its own temporary
/// configuration (no system service), a user and password, no persistence. It can be stopped and started
/// again on the same port to cut every client off, as a broker restart does.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string UserName = "vigie";
    public const string Password = "broker-secret";

    private readonly string _folder;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private MosquittoBroker(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>What the broker wrote (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<MosquittoBroker> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", "mosquitto-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var passwords = Path.Combine(folder, "passwords");
        using (var passwd = Process.Start(new ProcessStartInfo("mosquitto_passwd", ["-c", "-b", passwords, UserName, Password]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            var drained = Task.WhenAll(passwd.StandardOutput.ReadToEndAsync(cancellationToken), passwd.StandardError.ReadToEndAsync(cancellationToken));
            await passwd.WaitForExitAsync(cancellationToken);
            var output = await drained;
            Assert.True(passwd.ExitCode == 0, "mosquitto_passwd failed: " + string.Concat(output));
        }

        var broker = new MosquittoBroker(folder, DemoProcess.FreePort());
        await File.WriteAllTextAsync(Path.Combine(folder, "mosquitto.conf"), $"""
            listener {broker.Port} 127.0.0.1
            allow_anonymous false
            password_file {passwords}
            persistence false
            log_dest stderr
            log_type error
            log_type warning
            log_type notice
            user root

            """, cancellationToken);
        await broker.StartAgainAsync(cancellationToken);
        return broker;
    }

    /// <summary>Starts the broker (again) on its port and returns once it takes connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("mosquitto", ["-c", Path.Combine(_folder, "mosquitto.conf")]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true },
        };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port, cancellationToken);
                return;
            }
            catch (SocketException) when (TimeProvider.System.GetUtcNow() < deadline && !process.HasExited)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new InvalidOperationException($"mosquitto did not listen on {Port}: {Log}", ex);
            }
        }
    }

    /// <summary>Kills the broker: every client connection drops at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Publishes one message with QoS 1 (returns once the broker has acknowledged it).</summary>
    public async Task PublishAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Port).WithCredentials(UserName, Password).WithClientId("test-publisher-" + Guid.NewGuid().ToString("N")[..8]).Build(), cancellationToken);
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        Assert.True(result.IsSuccess, $"publish refused: {result.ReasonCode}");
        await client.DisconnectAsync(cancellationToken: cancellationToken);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temporary-folder cleaning.
        }
    }
}
