using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Vigie.Analytics.Motion;
using Vigie.Media.Codecs;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Ingest;

namespace Vigie.Analytics.Frames;

/// <summary>How a camera's frames are decoded for analytics.</summary>
public sealed record StreamDecoderOptions
{
    /// <summary>Pictures handed on per second (the decoder decodes every frame; the others are dropped).</summary>
    public double Fps { get; init; } = 5;

    /// <summary>Width of the grey pictures.</summary>
    public int Width { get; init; } = 320;

    /// <summary>Frames received but no picture out for this long: the decoder is stuck and restarted.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Frames waiting for the decoder; past this, frames are dropped up to the next keyframe (the ingest never waits).</summary>
    public int Queue { get; init; } = 150;

    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan LongestRetry { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>The decoder of one camera failed (<see cref="Failed"/>) or gives pictures again.</summary>
public sealed record DecoderHealth(bool Failed, string Detail, int Restarts);

/// <summary>
/// A camera's frames, from Vigie's own ingest, decoded for analytics by an ffmpeg child process (decision 0027):
/// subscribed to the camera's access-unit fan-out, it queues frames without ever blocking the ingest (a full queue
/// drops up to the next keyframe), writes them to ffmpeg as Annex-B from a keyframe with its parameter sets, reads
/// grey pictures back, dates each by the frame it came from and hands on <see cref="StreamDecoderOptions.Fps"/> a
/// second. A child that exits, fails or stops giving pictures is killed and started again with backoff; the first
/// failure is reported once (<c>onHealth</c>) and the recovery once, never a report per restart.
/// </summary>
public sealed partial class StreamDecoder : IAccessUnitSink, IAsyncDisposable
{
    private readonly string _camera;
    private readonly FfmpegRunner _runner;
    private readonly StreamDecoderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<GrayFrame> _onFrame;
    private readonly Action<DecoderHealth> _onHealth;
    private readonly Channel<AccessUnit> _queue;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private Process? _process;
    /// <summary>More than the decoder ever holds back (its demuxer reads about a second ahead).</summary>
    private static readonly TimeSpan HeldBack = TimeSpan.FromSeconds(3);
    private bool _dropping = true;
    private DateTimeOffset _newest;
    private long _dropped;

    public StreamDecoder(string camera, FfmpegRunner runner, StreamDecoderOptions options, TimeProvider time, ILogger logger, Action<GrayFrame> onFrame, Action<DecoderHealth> onHealth)
    {
        _camera = camera;
        _runner = runner;
        _options = options;
        _time = time;
        _logger = logger;
        _onFrame = onFrame;
        _onHealth = onHealth;
        _queue = Channel.CreateBounded<AccessUnit>(new BoundedChannelOptions(options.Queue) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.DropWrite });
    }

    /// <summary>Frames dropped because the decoder was behind or restarting (each drop waits for the next keyframe).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public int Restarts { get; private set; }

    /// <summary>Width of the camera's own picture (from its parameter sets), which rules are drawn on; 0 before the first keyframe.</summary>
    public int SourceWidth { get; private set; }

    /// <summary>The running child's process id (tests kill it; the benchmark reads its CPU and memory).</summary>
    internal int? ProcessId { get; private set; }

    public void Start() => _running ??= Task.Run(() => SuperviseAsync(_stop.Token));

    /// <summary>Called on the camera's ingest thread: queue, never wait.</summary>
    public void OnAccessUnit(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (_dropping && !(unit.IsKeyframe && unit.Parameters.IsComplete))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        if (_queue.Writer.TryWrite(unit.Retain()))
        {
            _dropping = false;
            return;
        }

        // Full: this frame and every one up to the next keyframe go (a decoder fed a broken chain shows garbage).
        unit.Release();
        _dropping = true;
        Interlocked.Increment(ref _dropped);
    }

    public async ValueTask DisposeAsync()
    {
        // The child first: its pipes closing end the reader and the writer, whatever they were waiting on.
        Kill(Volatile.Read(ref _process));
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10), _time).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            catch (TimeoutException)
            {
                LogStopTimedOut(_logger, _camera);
            }
        }

        while (_queue.Reader.TryRead(out var unit))
        {
            unit.Release();
        }

        _stop.Dispose();
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

    private async Task SuperviseAsync(CancellationToken token)
    {
        var backoff = new ReconnectBackoff(_options.FirstRetry, _options.LongestRetry);
        var failed = false;
        while (!token.IsCancellationRequested)
        {
            string reason;
            var pictures = 0L;
            try
            {
                (reason, pictures) = await RunOnceAsync(() =>
                {
                    if (failed)
                    {
                        failed = false;
                        backoff.Reset();
                        _onHealth(new DecoderHealth(false, "pictures again", Restarts));
                    }
                }, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is FfmpegException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                reason = ex.Message;
                LogDecoderError(_logger, _camera, ex);
            }

            if (token.IsCancellationRequested)
            {
                return;
            }

            Restarts++;
            var delay = backoff.NextDelay();
            LogRestarting(_logger, _camera, reason, pictures, delay.TotalSeconds);
            if (!failed)
            {
                failed = true;
                _onHealth(new DecoderHealth(true, reason, Restarts));
            }

            // What came while the decoder was down is stale: start again from a fresh keyframe.
            _dropping = true;
            while (_queue.Reader.TryRead(out var stale))
            {
                stale.Release();
            }

            await Task.Delay(delay, _time, token).ConfigureAwait(false);
        }
    }

    /// <summary>One ffmpeg child, from a keyframe until it ends, fails or stalls: why it ended and how many pictures it gave.</summary>
    private async Task<(string Reason, long Pictures)> RunOnceAsync(Action onFirstPicture, CancellationToken token)
    {
        var first = await _queue.Reader.ReadAsync(token).ConfigureAwait(false);
        var (width, height) = Size(first.Parameters);
        var codec = first.Codec == VideoCodec.H265 ? "hevc" : "h264";
        // The luma plane alone, then made smaller: the same grey picture as scaling the colour one and dropping its
        // colour, for a sixth less of the child's CPU (the chroma planes are never scaled; docs/benchmarks.md).
        var filter = string.Create(CultureInfo.InvariantCulture, $"extractplanes=y,scale={width}:{height}:flags=area");
        using var process = _runner.StartStreaming(FfmpegRunner.Ffmpeg, ["-v", "error", "-threads", "1", "-probesize", "32", "-analyzeduration", "0", "-fflags", "nobuffer", "-flags", "low_delay", "-skip_loop_filter", "all", "-f", codec, "-i", "pipe:0", "-an", "-filter_threads", "1", "-fps_mode", "passthrough", "-vf", filter, "-f", "rawvideo", "pipe:1"]);
        ProcessId = process.Id;
        Volatile.Write(ref _process, process);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(token);
        var pending = new PriorityQueue<DateTimeOffset, long>();
        var lastPicture = _time.GetTimestamp();
        var lastInput = _time.GetTimestamp();
        var writer = WriteAsync(process, first, pending, () => lastInput = _time.GetTimestamp(), done.Token);
        var reader = ReadAsync(process, width, height, pending, () => lastPicture = _time.GetTimestamp(), onFirstPicture, done.Token);
        try
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                var finished = await Task.WhenAny(writer, reader, Task.Delay(TimeSpan.FromSeconds(1), _time, token)).ConfigureAwait(false);
                if (finished == reader)
                {
                    return ($"ffmpeg ended (exit {await ExitCodeAsync(process).ConfigureAwait(false)})", await reader.ConfigureAwait(false));
                }

                if (finished == writer)
                {
                    await writer.ConfigureAwait(false);
                    return ("ffmpeg stopped reading", reader.IsCompletedSuccessfully ? await reader.ConfigureAwait(false) : 0);
                }

                // Frames go in, no picture comes out: stuck (or every frame refused as corrupt).
                if (_time.GetElapsedTime(lastPicture) > _options.Stall && _time.GetElapsedTime(lastInput) < _options.Stall)
                {
                    return ($"no picture for {_options.Stall.TotalSeconds:F0} s while frames came", 0);
                }
            }
        }
        finally
        {
            // Kill before cancelling: pipe reads and writes end when the child's pipes close.
            Kill(process);
            await done.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(writer, reader).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(Process process, AccessUnit first, PriorityQueue<DateTimeOffset, long> pending, Action onInput, CancellationToken token)
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
                            pending.Enqueue(unit.WallClock ?? unit.ReceivedAt, unit.Timestamp);
                            _newest = unit.WallClock ?? unit.ReceivedAt;
                            // A frame the decoder refused would shift every later date by one: keep the queue short.
                            while (pending.Count > 64)
                            {
                                pending.Dequeue();
                            }
                        }

                        // No token on the pipe itself: the child's end closing (killed) ends a blocked write.
                        await stdin.WriteAsync(buffer.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
                        await stdin.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                        onInput();
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
            // The child closed its stdin: it is ending; the reader reports why.
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<long> ReadAsync(Process process, int width, int height, PriorityQueue<DateTimeOffset, long> pending, Action onPicture, Action onFirstPicture, CancellationToken token)
    {
        var stdout = process.StandardOutput.BaseStream;
        var size = width * height;
        var interval = TimeSpan.FromSeconds(1 / _options.Fps) * 0.9;
        DateTimeOffset? last = null;
        long pictures = 0;
        var pixels = new byte[size];
        while (true)
        {
            // No token on the pipe: the child killed closes it, and the read ends.
            var read = await stdout.ReadAtLeastAsync(pixels, size, throwOnEndOfStream: false, CancellationToken.None).ConfigureAwait(false);
            if (read < size)
            {
                return pictures;
            }

            DateTimeOffset at;
            lock (pending)
            {
                // Pictures come out in presentation order: the earliest frame still waiting is this one. Frames far
                // older than the newest sent are ones the decoder refused (corrupt): dropped, so dates do not drift.
                while (pending.TryPeek(out var old, out _) && _newest - old > HeldBack && pending.Count > 1)
                {
                    pending.Dequeue();
                }

                at = pending.TryDequeue(out var instant, out _) ? instant : _time.GetUtcNow();
            }

            onPicture();
            if (pictures++ == 0)
            {
                onFirstPicture();
            }

            if (last is null || at - last.Value >= interval)
            {
                last = at;
                _onFrame(new GrayFrame(width, height, pixels, at));
                pixels = new byte[size];
            }
        }
    }

    /// <summary>Grey picture size: the configured width, the height keeping the picture's aspect (even).</summary>
    private (int Width, int Height) Size(ParameterSets parameters)
    {
        var (w, h) = parameters.Codec == VideoCodec.H265
            ? H265Sps.TryParse(parameters.Sps[0], out var hevc) ? (hevc!.Width, hevc.Height) : (16, 9)
            : H264Sps.TryParse(parameters.Sps[0], out var avc) ? (avc!.Width, avc.Height) : (16, 9);
        SourceWidth = w;
        var width = Math.Min(_options.Width, Math.Max(16, w));
        return (width, Math.Max(8, (int)Math.Round((double)h * width / w / 2) * 2));
    }

    private static async Task<string> ExitCodeAsync(Process process)
    {
        try
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: the analytics decoder ended ({Reason}) after {Pictures} pictures; restarting in {Seconds:F1} s")]
    private static partial void LogRestarting(ILogger logger, string camera, string reason, long pictures, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: the analytics decoder did not stop within 10 s; left behind")]
    private static partial void LogStopTimedOut(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: the analytics decoder failed")]
    private static partial void LogDecoderError(ILogger logger, string camera, Exception exception);
}
