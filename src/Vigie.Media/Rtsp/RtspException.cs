namespace Vigie.Media.Rtsp;

/// <summary>
/// An RTSP exchange failed: the server refused (<see cref="StatusCode"/> set), answered something that is
/// not RTSP, went silent past a timeout, or closed the connection. <see cref="Operation"/> says what the
/// client was doing ("DESCRIBE rtsp://cam/stream", "reading response headers"), so a log line is enough
/// to act on. Never carries credentials.
/// </summary>
public sealed class RtspException : Exception
{
    public RtspException()
    {
        Operation = string.Empty;
    }

    public RtspException(string message)
        : base(message)
    {
        Operation = string.Empty;
    }

    public RtspException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public RtspException(string operation, string problem, Exception? innerException = null)
        : base($"{operation}: {problem}", innerException)
    {
        Operation = operation;
    }

    public RtspException(string operation, int statusCode, string reason)
        : base($"{operation}: server answered {statusCode} {reason}")
    {
        Operation = operation;
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>What the client was doing when it failed.</summary>
    public string Operation { get; }

    /// <summary>RTSP status code when the server answered with an error (RFC 2326 §7.1.1), else null.</summary>
    public int? StatusCode { get; }

    /// <summary>The reason phrase that came with <see cref="StatusCode"/>.</summary>
    public string? Reason { get; }

    /// <summary>True when the failure was a timeout (the peer stayed silent), as opposed to a refusal or garbage.</summary>
    public bool IsTimeout { get; init; }
}
