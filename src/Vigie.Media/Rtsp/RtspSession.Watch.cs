namespace Vigie.Media.Rtsp;

/// <summary>The two loops that keep a playing session alive and notice when it is not: keep-alives and the silence watch.</summary>
public sealed partial class RtspSession
{
    /// <summary>
    /// RFC 2326 §12.37: the server drops a session silent for longer than its timeout. Refresh it at half
    /// the timeout with GET_PARAMETER (§10.8) when OPTIONS listed it, else OPTIONS (§10.1), with the Session header.
    /// Each keep-alive goes out at a random point of the last quarter of the interval, so the sessions of a
    /// host started together do not all ask their cameras in the same second for ever. An answer may take
    /// up to the interval: a camera (or a recorder's NVR) busy streaming to many clients answers late, and
    /// while its video keeps coming the session is alive — an unanswered keep-alive is logged and the next
    /// one tried; only silence (<see cref="WatchSilenceAsync"/>) or a refusal ends the session.
    /// </summary>
    private async Task KeepAliveAsync(RtspConnection connection, Uri aggregate, CancellationToken token)
    {
        var interval = SessionTimeout / 2;
        var method = _supportsGetParameter ? "GET_PARAMETER" : "OPTIONS";
        var due = _time.GetUtcNow() + Spread(interval);
        while (true)
        {
            var wait = due - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, token).ConfigureAwait(false);
            }

            var sent = _time.GetUtcNow();
            due = sent + Spread(interval);
            var request = new RtspRequest(method, aggregate);
            RtspResponse response;
            try
            {
                response = await connection.SendAsync(request, token, interval).ConfigureAwait(false);
            }
            // Sent, not answered (a request that could not even be sent leaves the connection unusable).
            catch (RtspException e) when (e.InnerException is TimeoutException && _dispatcher.SinceLastRtp < interval)
            {
                RtspLog.KeepAliveUnanswered(_logger, method, PlayedUri!.AbsoluteUri, e.Message);
                continue;
            }

            RtspLog.KeepAlive(_logger, method, response.StatusCode);
            if (response.StatusCode is 405 or 501 && method != "OPTIONS")
            {
                method = "OPTIONS";
                due = _time.GetUtcNow();
                continue;
            }

            EnsureSuccess(response, request.Describe());
        }
    }

    /// <summary>The interval less up to a quarter, at random.</summary>
    private static TimeSpan Spread(TimeSpan interval) => interval - (interval / 4 * Random.Shared.NextDouble());

    /// <summary>
    /// No RTP for <see cref="RtspClientOptions.ReceiveTimeout"/> fails the session so the supervisor reconnects.
    /// The check sleeps until the silence could first reach the limit (a streaming camera: once per limit,
    /// not four times), rounded up to the clock's next whole second so that the checks of every session of
    /// the host fire together (one timer wake-up for all of them). A silence is caught within a second
    /// after the limit.
    /// </summary>
    private async Task WatchSilenceAsync(CancellationToken token)
    {
        var limit = _options.ReceiveTimeout;
        if (limit == Timeout.InfiniteTimeSpan)
        {
            // Disabled: wait for the stop like the other loops, so finishing early never reads as an end.
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, token).ConfigureAwait(false);
            return;
        }

        while (true)
        {
            var silent = _dispatcher.SinceLastRtp;
            if (silent >= limit)
            {
                throw new RtspException($"receiving RTP from {PlayedUri!.AbsoluteUri}", $"no RTP packet for {limit.TotalSeconds:0.#} s") { IsTimeout = true };
            }

            await Task.Delay(ToNextWholeSecond(limit - silent), _time, token).ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="wait"/>, lengthened to end on a whole second of the clock.</summary>
    private TimeSpan ToNextWholeSecond(TimeSpan wait)
    {
        var end = _time.GetUtcNow().UtcTicks + wait.Ticks;
        var past = end % TimeSpan.TicksPerSecond;
        return past == 0 ? wait : wait + TimeSpan.FromTicks(TimeSpan.TicksPerSecond - past);
    }
}
