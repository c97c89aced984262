using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigie.Domain.Cameras;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;

namespace Vigie.Media.Masks;

/// <summary>
/// A camera's live picture with its privacy masks burned in by the server (docs/compliance.md, "server-side
/// masking"): subscribed to the camera's access-unit fan-out, it writes the frames to an ffmpeg child as Annex B, which
/// decodes them, lays the masks over them opaque and encodes H.264 again (ultrafast, zero latency, no B-frames, a
/// keyframe every 2 s); the pictures read back are dated by the frames they came from and handed on through
/// <see cref="FanOut"/> — the only stream viewers who may not lift masks ever get. Never blocks the ingest (a full
/// queue drops up to the next keyframe); a child that fails is started again with backoff.
/// </summary>
public sealed partial class MaskedStream : IAccessUnitSink, IAsyncDisposable
{
    private const int QueueLength = 150;
    private readonly string _camera;
    private readonly IReadOnlyList<IReadOnlyList<MaskPoint>> _polygons;
    private readonly FfmpegRunner _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<AccessUnit> _queue = Channel.CreateBounded<AccessUnit>(new BoundedChannelOptions(QueueLength) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private bool _dropping = true;
    private Process? _process;

    public MaskedStream(string camera, IReadOnlyList<IReadOnlyList<MaskPoint>> polygons, FfmpegRunner runner, TimeProvider time, ILogger logger)
    {
        _camera = camera;
        _polygons = polygons;
        _runner = runner;
        _time = time;
        _logger = logger;
        FanOut = new AccessUnitFanOut(camera + " (masked)", logger);
        _running = Task.Run(() => SuperviseAsync(_stop.Token));
    }

    /// <summary>The masked pictures, H.264, dated like the camera's own.</summary>
    public AccessUnitFanOut FanOut { get; }

    /// <summary>The running child's process id (the benchmark reads its CPU).</summary>
    public int? ProcessId => Volatile.Read(ref _process)?.Id;

    /// <summary>Called on the camera's ingest thread: queue, never wait.</summary>
    public void OnAccessUnit(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (_dropping && !(unit.IsKeyframe && unit.Parameters.IsComplete))
        {
            return;
        }

        if (_queue.Writer.TryWrite(unit.Retain()))
        {
            _dropping = false;
            return;
        }

        unit.Release();
        _dropping = true;
    }

    public async ValueTask DisposeAsync()
    {
        Kill(Volatile.Read(ref _process));
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10), _time).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Stopping.
        }

        while (_queue.Reader.TryRead(out var unit))
        {
            unit.Release();
        }

        _stop.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken token)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        while (!token.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(backoff, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is FfmpegException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                LogFailed(_logger, _camera, ex);
            }

            if (token.IsCancellationRequested)
            {
                return;
            }

            _dropping = true;
            while (_queue.Reader.TryRead(out var stale))
            {
                stale.Release();
            }

            await Task.Delay(backoff.NextDelay(), _time, token).ConfigureAwait(false);
        }
    }

    private async Task RunOnceAsync(ReconnectBackoff backoff, CancellationToken token)
    {
        var first = await _queue.Reader.ReadAsync(token).ConfigureAwait(false);
        var (width, height) = first.Parameters.Codec == VideoCodec.H265
            ? H265Sps.TryParse(first.Parameters.Sps[0], out var hevc) ? (hevc!.Width, hevc.Height) : (0, 0)
            : H264Sps.TryParse(first.Parameters.Sps[0], out var avc) ? (avc!.Width, avc.Height) : (0, 0);
        if (width == 0)
        {
            first.Release();
            throw new InvalidOperationException("the camera's parameter sets give no picture size");
        }

        var overlay = Path.Combine(Path.GetTempPath(), $"vigie-mask-{Guid.NewGuid():N}.pam");
        await File.WriteAllBytesAsync(overlay, MaskRaster.ToOverlayPam(MaskRaster.Fill(_polygons, width, height), width, height), token).ConfigureAwait(false);
        using var process = _runner.StartStreaming(FfmpegRunner.Ffmpeg,
        [
            "-v", "error", "-threads", "1", "-probesize", "32", "-analyzeduration", "0", "-fflags", "nobuffer", "-flags", "low_delay",
            "-f", first.Codec == VideoCodec.H265 ? "hevc" : "h264", "-i", "pipe:0", "-loop", "1", "-i", overlay,
            "-filter_complex", "[0:v][1:v]overlay=0:0:shortest=1,format=yuv420p[v]", "-map", "[v]", "-an", "-fps_mode", "passthrough",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-bf", "0", "-g", "50", "-threads", "1",
            "-bsf:v", "h264_metadata=aud=insert", "-f", "h264", "pipe:1",
        ]);
        Volatile.Write(ref _process, process);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(token);
        var pending = new PriorityQueue<(long Timestamp, DateTimeOffset? Wall, DateTimeOffset Received), long>();
        var writer = WriteAsync(process, first, pending, done.Token);
        var reader = ReadAsync(process, pending, backoff);
        try
        {
            await Task.WhenAny(writer, reader).ConfigureAwait(false);
        }
        finally
        {
            Kill(process);
            await done.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(writer, reader).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            File.Delete(overlay);
        }
    }

    private async Task WriteAsync(Process process, AccessUnit first, PriorityQueue<(long, DateTimeOffset?, DateTimeOffset), long> pending, CancellationToken token)
    {
        var stdin = process.StandardInput.BaseStream;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var unit = first;
        try
        {
            while (true)
            {
                try
                {
                    buffer.ResetWrittenCount();
                    if (AnnexBWriter.Write(unit, buffer))
                    {
                        lock (pending)
                        {
                            pending.Enqueue((unit.Timestamp, unit.WallClock, unit.ReceivedAt), unit.Timestamp);
                            while (pending.Count > 64)
                            {
                                pending.Dequeue();
                            }
                        }

                        await stdin.WriteAsync(buffer.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
                        await stdin.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                }
                finally
                {
                    unit.Release();
                }

                unit = await _queue.Reader.ReadAsync(token).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The child closed its stdin: it is ending.
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task ReadAsync(Process process, PriorityQueue<(long Timestamp, DateTimeOffset? Wall, DateTimeOffset Received), long> pending, ReconnectBackoff backoff)
    {
        var stdout = process.StandardOutput.BaseStream;
        var reader = new AnnexBReader();
        var units = new List<AnnexBReader.Unit>();
        var bytes = new byte[256 * 1024];
        var pictures = 0L;
        while (true)
        {
            var read = await stdout.ReadAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            if (read == 0)
            {
                LogEnded(_logger, _camera, pictures);
                return;
            }

            reader.Append(bytes.AsSpan(0, read), units);
            foreach (var picture in units)
            {
                (long Timestamp, DateTimeOffset? Wall, DateTimeOffset Received) source;
                lock (pending)
                {
                    // Pictures come out in presentation order: the earliest frame still waiting is this one.
                    if (!pending.TryDequeue(out source, out _))
                    {
                        continue;
                    }
                }

                var unit = AccessUnit.Copy(picture.LengthPrefixedNalUnits, VideoCodec.H264, source.Timestamp, picture.IsKeyframe, picture.Parameters, source.Wall, source.Received);
                try
                {
                    FanOut.OnAccessUnit(unit);
                }
                finally
                {
                    unit.Release();
                }

                if (++pictures == 1)
                {
                    backoff.Reset();
                    LogStarted(_logger, _camera);
                }
            }

            units.Clear();
        }
    }

    private static void Kill(Process? process)
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera}: masked live stream started (masks burned in by the server)")]
    private static partial void LogStarted(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: the masking encoder ended after {Pictures} pictures; started again")]
    private static partial void LogEnded(ILogger logger, string camera, long pictures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: the masking encoder failed; started again after a pause")]
    private static partial void LogFailed(ILogger logger, string camera, Exception exception);
}
