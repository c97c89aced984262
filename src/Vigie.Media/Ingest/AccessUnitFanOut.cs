using Microsoft.Extensions.Logging;

namespace Vigie.Media.Ingest;

/// <summary>
/// Hands each frame of one camera to every consumer (recorder, live viewers, pre-alarm buffer,
/// analytics) without copying: consumers get the same <see cref="AccessUnit"/>. Subscribing and
/// unsubscribing are lock-free for the ingest thread (copy-on-write array). A consumer that throws is
/// logged and removed, so one faulty consumer never stops the others or the ingest.
/// </summary>
public sealed partial class AccessUnitFanOut : IAccessUnitSink
{
    private readonly ILogger _logger;
    private readonly string _camera;
    private IAccessUnitSink[] _sinks = [];

    public AccessUnitFanOut(string camera, ILogger logger)
    {
        _camera = camera;
        _logger = logger;
    }

    public int Count => Volatile.Read(ref _sinks).Length;

    /// <summary>
    /// Held by consumers that someone waits on (a live viewer): the camera's receive path then hands packets on
    /// as they arrive instead of at its receive tick. Survives reconnections (the next session reads it).
    /// </summary>
    public Rtsp.ImmediateDelivery Delivery { get; } = new();

    public void Subscribe(IAccessUnitSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        IAccessUnitSink[] current, next;
        do
        {
            current = Volatile.Read(ref _sinks);
            next = [.. current, sink];
        }
        while (Interlocked.CompareExchange(ref _sinks, next, current) != current);
    }

    public void Unsubscribe(IAccessUnitSink sink)
    {
        IAccessUnitSink[] current, next;
        do
        {
            current = Volatile.Read(ref _sinks);
            var index = Array.IndexOf(current, sink);
            if (index < 0)
            {
                return;
            }

            next = [.. current[..index], .. current[(index + 1)..]];
        }
        while (Interlocked.CompareExchange(ref _sinks, next, current) != current);
    }

    public void OnAccessUnit(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        foreach (var sink in Volatile.Read(ref _sinks))
        {
            try
            {
                sink.OnAccessUnit(unit);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogConsumerFailed(_logger, _camera, sink.GetType().Name, ex);
                Unsubscribe(sink);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: consumer {Consumer} failed and was detached; the other consumers go on")]
    private static partial void LogConsumerFailed(ILogger logger, string camera, string consumer, Exception exception);
}
