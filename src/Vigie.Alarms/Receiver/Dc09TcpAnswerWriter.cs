using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;
using Vigie.Alarms.Intake;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// Sends a TCP connection's answers in the order its frames came, each once it is known (after the commit for a
/// signal); the answers ready together go out in one write rather than one send per frame. Each answer's time
/// (receipt to send) is recorded once its send returns.
/// </summary>
internal static class Dc09TcpAnswerWriter
{
    /// <summary>Runs until the queue is completed and drained; cancels <paramref name="connection"/> when it ends, however it ends (the panel is gone: stop reading too).</summary>
    public static async Task RunAsync(Socket socket, CappedQueue<Dc09PendingAnswer> answers, Dc09AnswerPath path, CancellationTokenSource connection)
    {
        try
        {
            await AnswerInOrderAsync(socket, answers, path, connection.Token).ConfigureAwait(false);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async Task AnswerInOrderAsync(Socket socket, CappedQueue<Dc09PendingAnswer> queue, Dc09AnswerPath path, CancellationToken cancellationToken)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        var receivedAt = new List<long>();
        var answers = queue.Reader;
        while (await answers.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (answers.TryPeek(out var next))
            {
                if (!next.Reply.IsCompleted && output.WrittenCount > 0)
                {
                    // The answers of one commit are completed one after the other on one thread: let it finish
                    // them before sending, so that they leave together in one send rather than one each.
                    await Task.Yield();
                    if (!next.Reply.IsCompleted)
                    {
                        // Send what is ready before waiting for the next commit.
                        await SendAsync(socket, output, receivedAt, path, cancellationToken).ConfigureAwait(false);
                    }
                }

                var answer = await next.Reply.ConfigureAwait(false);
                answers.TryRead(out _);
                queue.Release(1);
                output.Write(answer);
                receivedAt.Add(next.ReceivedAt);
            }

            if (output.WrittenCount > 0)
            {
                await SendAsync(socket, output, receivedAt, path, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendAsync(Socket socket, ArrayBufferWriter<byte> output, List<long> receivedAt, Dc09AnswerPath path, CancellationToken cancellationToken)
    {
        await socket.SendAsync(output.WrittenMemory, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        output.ResetWrittenCount();
        var sent = Stopwatch.GetTimestamp();
        foreach (var received in receivedAt)
        {
            path.Sent(received, sent, Dc09AnswerPath.Tcp);
        }

        receivedAt.Clear();
    }
}
