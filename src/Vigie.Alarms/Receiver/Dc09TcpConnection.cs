using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vigie.Alarms.Dc09;
using Vigie.Alarms.Intake;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// One panel's TCP connection: reads its bytes, cuts them into frames, hands each to the answer path as it
/// arrives and queues its answer, which <see cref="Dc09TcpAnswerWriter"/> sends in order. A connection gets
/// <see cref="Dc09ReceiverOptions.FrameTimeout"/> to complete its first frame, and again whenever bytes come
/// after a frame (an incomplete frame, stray bytes): past it, NAK when bytes came, then closed. A line quiet
/// after a complete frame is closed after <see cref="Dc09ReceiverOptions.IdleTimeout"/>. Whatever goes wrong
/// stays with this connection.
/// </summary>
internal sealed class Dc09TcpConnection(
    Socket socket,
    IPEndPoint remote,
    Dc09AnswerPath path,
    Dc09ReceiverOptions options,
    Counter<long> throttled,
    TimeProvider time,
    ILogger logger)
{
    private readonly string _name = remote.ToString();

    /// <summary>Serves the connection until the panel hangs up, a time-out, or <paramref name="cancellationToken"/> (host stopping); disposes the socket. Never throws.</summary>
    public async Task ServeAsync(CancellationToken cancellationToken)
    {
        var splitter = new Dc09FrameSplitter(options.MaxFrameBytes);
        var collector = new Dc09FrameCollector(logger, _name);
        var buffer = new byte[4096];
        var source = Dc09AnswerPath.Source(remote.Address, "tcp");
        // Since when a frame is awaited (the connection's opening, or the first byte after the last frame);
        // null while the line is quiet after a complete frame.
        DateTimeOffset? awaitingSince = time.GetUtcNow();
        var bytesSinceFrame = false;

        // Frames are handled as they arrive (several may wait for the same group commit) but answered in
        // their order. At most MaxInFlightPerConnection are pending: past that, this connection is not read
        // until its oldest frame is answered, so a flooding sender holds back only itself (TCP back-pressure)
        // and never fills the shared commit queue ahead of the other panels.
        var answers = new CappedQueue<Dc09PendingAnswer>(options.MaxInFlightPerConnection, singleWriter: true);
        // Cancelled when the host stops or when answering fails (the panel is gone): reading stops too.
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = Dc09TcpAnswerWriter.RunAsync(socket, answers, path, connection);
        // One time-out for the connection's life on the injected clock, moved as it goes.
        using var deadline = new Dc09ConnectionDeadline(time, connection.Token);
        try
        {
            socket.NoDelay = true;
            while (!connection.IsCancellationRequested)
            {
                // Awaiting a frame only gets FrameTimeout; a quiet line after a frame gets IdleTimeout.
                var wait = awaitingSince is { } since ? options.FrameTimeout - (time.GetUtcNow() - since) : options.IdleTimeout;
                deadline.Arm(wait);
                int read;
                try
                {
                    read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!connection.IsCancellationRequested)
                {
                    if (awaitingSince is not null && bytesSinceFrame)
                    {
                        Dc09ServerLog.FrameTimeout(logger, _name, splitter.Pending);
                        await answers.WriteAsync(new Dc09PendingAnswer(Task.FromResult(path.Nak()), Stopwatch.GetTimestamp()), connection.Token).ConfigureAwait(false);
                    }
                    else if (awaitingSince is not null)
                    {
                        Dc09ServerLog.NoFrame(logger, _name);
                    }
                    else
                    {
                        Dc09ServerLog.Idle(logger, _name);
                    }

                    break;
                }

                if (read == 0)
                {
                    break;
                }

                // The answer's time runs from here: the read that brought the frame's last byte.
                var receivedAt = Stopwatch.GetTimestamp();
                splitter.Push(buffer.AsSpan(0, read), collector);
                var framed = collector.Frames.Count > 0;
                foreach (var frame in collector.Frames)
                {
                    path.Received(source);
                    var handling = new Dc09PendingAnswer(path.AnswerAsync(frame, _name, cancellationToken), receivedAt);
                    if (!answers.TryWrite(handling))
                    {
                        // This connection has its full share in flight: no more reading until its oldest is answered.
                        throttled.Add(1, source[0]);
                        await answers.WriteAsync(handling, connection.Token).ConfigureAwait(false);
                    }
                }

                collector.Frames.Clear();

                if (collector.TakeOversized())
                {
                    await answers.WriteAsync(new Dc09PendingAnswer(Task.FromResult(path.Nak()), receivedAt), connection.Token).ConfigureAwait(false);
                }

                if (framed)
                {
                    // A frame completed: a quiet line from here, or a new frame under way.
                    awaitingSince = splitter.Pending > 0 ? time.GetUtcNow() : null;
                    bytesSinceFrame = splitter.Pending > 0;
                }
                else
                {
                    // Bytes that completed nothing (part of a frame, stray bytes): the frame time-out runs on.
                    awaitingSince ??= time.GetUtcNow();
                    bytesSinceFrame = true;
                }
            }

            // Answer what was received before closing (the panel hung up, timed out, or the host stops).
            answers.Complete();
            await writer.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The panel hung up, or the host is stopping.
        }
        catch (Exception ex)
        {
            // Whatever went wrong stays with this connection.
            Dc09ServerLog.ConnectionFailed(logger, _name, ex);
        }
        finally
        {
            answers.Complete();
            await connection.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            socket.Dispose();
        }
    }
}
