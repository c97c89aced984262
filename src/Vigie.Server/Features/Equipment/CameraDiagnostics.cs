using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Media.Rtsp;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// What the console does for a camera's troubleshooting steps: the network test (TCP connection to the RTSP port,
/// then an RTSP OPTIONS), the stream diagnostic (a few seconds received through Vigie's own ingest, as
/// <c>vigie record</c> does: codec, resolution, fps, bitrate, losses) and the reboot through the camera's HTTP CGI or
/// ONVIF <c>SystemReboot</c>. Each answers a sentence for the ticket; none throws for what the camera does wrong.
/// </summary>
public sealed partial class CameraDiagnostics(VigieDbFactory dbFactory, SecretProtector secrets, VigieHostOptions host, TimeProvider time, ILogger<CameraDiagnostics> logger)
{
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan DiagnosticLength = TimeSpan.FromSeconds(5);

    public sealed record Outcome(bool Succeeded, string Text);

    private sealed record Target(Camera Camera, string? Password);

    public async Task<Outcome> NetworkTestAsync(CameraId id, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        var uri = new Uri(target.Camera.MainStreamUrl);
        var port = uri.IsDefaultPort || uri.Port < 0 ? 554 : uri.Port;
        using var client = new TcpClient();
        // An I/O timeout is wall-clock time whatever clock the domain runs on.
        using var expiry = new CancellationTokenSource(NetworkTimeout, SystemClocks.Wall);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        var watch = Stopwatch.StartNew();
        try
        {
            await client.ConnectAsync(uri.Host, port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var why = ex is SocketException socket ? socket.SocketErrorCode.ToString() : "délai dépassé";
            return new Outcome(false, $"{uri.Host}:{port} injoignable ({why}) : vérifier l'alimentation, le câble et le commutateur.");
        }

        var connected = watch.Elapsed.TotalMilliseconds;
        try
        {
            var stream = client.GetStream();
            var request = $"OPTIONS {uri.GetLeftPart(UriPartial.Path)} RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Vigie\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token).ConfigureAwait(false);
            var buffer = new byte[2048];
            var read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            var status = answer.Split("\r\n", 2)[0];
            var ok = status.StartsWith("RTSP/1.0 ", StringComparison.Ordinal);
            return new Outcome(ok, string.Create(CultureInfo.InvariantCulture,
                $"{uri.Host}:{port} joignable en {connected:0} ms ; RTSP OPTIONS : {(ok ? status["RTSP/1.0 ".Length..] : $"réponse invalide « {Shorten(status)} »")}."));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, string.Create(CultureInfo.InvariantCulture, $"{uri.Host}:{port} joignable en {connected:0} ms mais RTSP ne répond pas ({ex.GetType().Name})."));
        }
    }

    public async Task<Outcome> StreamDiagnosticAsync(CameraId id, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        var folder = Path.Combine(host.DataFolder, "diagnostics", Guid.NewGuid().ToString("N"));
        try
        {
            var client = new RtspClientOptions
            {
                Uri = new Uri(target.Camera.MainStreamUrl),
                UserName = target.Camera.Username.Length > 0 ? target.Camera.Username : null,
                Password = target.Password,
                ConnectTimeout = NetworkTimeout,
                ResponseTimeout = NetworkTimeout,
            };
            var summary = await Cli.RecordCommand.RecordAsync(client, folder, DiagnosticLength, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            if (summary.Frames == 0)
            {
                return new Outcome(false, $"Aucune image reçue en {DiagnosticLength.TotalSeconds:0} s{(summary.Error is { } e ? $" : {e}" : string.Empty)}.");
            }

            return new Outcome(true, string.Create(CultureInfo.InvariantCulture,
                $"{summary.Codec} {summary.Width}×{summary.Height}, {summary.Fps} images/s, {summary.BitrateKbps} kbit/s, {summary.Frames} images dont {summary.Keyframes} clés en {summary.Seconds} s, {summary.LostPackets} paquets perdus, {summary.DroppedFrames} images écartées{(summary.ReorderDepth > 0 ? ", images B" : string.Empty)}."));
        }
        finally
        {
            TryDelete(folder);
        }
    }

    public async Task<Outcome> RebootAsync(CameraId id, CancellationToken cancellationToken)
    {
        var target = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        var profile = target.Camera.Profile;
        if (profile.Reboot == RebootMethod.None || profile.RebootUrl is not { } url)
        {
            return new Outcome(false, "Aucun redémarrage à distance n'est configuré pour cette caméra : la redémarrer sur place (coupure PoE).");
        }

        // The handler answers the camera's challenge, basic or digest, with its credentials (never sent unasked).
        using var handler = new HttpClientHandler
        {
            Credentials = target.Camera.Username.Length > 0 ? new NetworkCredential(target.Camera.Username, target.Password) : null,
            AllowAutoRedirect = false,
        };
        using var client = new HttpClient(handler) { Timeout = RebootTimeout };
        using var request = profile.Reboot switch
        {
            RebootMethod.HttpGet => new HttpRequestMessage(HttpMethod.Get, url),
            RebootMethod.HttpPost => new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent([]) },
            _ => OnvifReboot(url, target.Camera.Username, target.Password ?? string.Empty, time.GetUtcNow()),
        };
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var method = profile.Reboot == RebootMethod.Onvif ? "ONVIF SystemReboot" : $"HTTP {request.Method}";
            LogReboot(logger, target.Camera.Name, method, (int)response.StatusCode);
            return response.IsSuccessStatusCode
                ? new Outcome(true, $"Redémarrage demandé ({method}) : la caméra a répondu {(int)response.StatusCode}. Attendre son retour (1 à 2 min).")
                : new Outcome(false, $"Redémarrage refusé ({method}) : la caméra a répondu {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new Outcome(false, $"Redémarrage impossible : la caméra ne répond pas à {new Uri(url).GetLeftPart(UriPartial.Authority)} ({ex.GetType().Name}).");
        }
    }

    public static readonly TimeSpan RebootTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The ONVIF device service's SystemReboot, with a WS-Security UsernameToken (password digest: SHA-1 of nonce, created and password).</summary>
    public static HttpRequestMessage OnvifReboot(string url, string user, string password, DateTimeOffset created, byte[]? nonce = null)
    {
        nonce ??= RandomNumberGenerator.GetBytes(16);
        var when = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var digest = Convert.ToBase64String(SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(when), .. Encoding.UTF8.GetBytes(password)]));
        var security = user.Length == 0 ? string.Empty : $"""
            <s:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><wsse:UsernameToken><wsse:Username>{SecurityElement(user)}</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">{digest}</wsse:Password><wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">{Convert.ToBase64String(nonce)}</wsse:Nonce><wsu:Created>{when}</wsu:Created></wsse:UsernameToken></wsse:Security></s:Header>
            """;
        var body = $"""<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">{security}<s:Body><SystemReboot xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>""";
        return new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/soap+xml") { CharSet = "utf-8" }),
        };
    }

    private static string SecurityElement(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;

    private async Task<Target> LoadAsync(CameraId id, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var camera = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("No such camera.");
        string? password = null;
        if (camera.HasPassword)
        {
            try
            {
                password = secrets.Unprotect(camera.ProtectedPassword);
            }
            catch (CryptographicException)
            {
                password = null;
            }
        }

        return new Target(camera, password);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60];

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A diagnostic folder left behind is harmless; the next one has another name.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: reboot requested by {Method}, answered {Status}")]
    private static partial void LogReboot(ILogger logger, string camera, string method, int status);
}
