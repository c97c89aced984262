using Microsoft.Extensions.Logging;

namespace Vigie.Media.Rtsp;

/// <summary>Log catalogue of the RTSP client. URLs are logged without user information; credentials never.</summary>
internal static partial class RtspLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "RTSP connecting to {Url}")]
    public static partial void Connecting(ILogger logger, string url);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "RTSP {Request}: server asked for credentials, answering the challenge")]
    public static partial void Authenticating(ILogger logger, string request);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "RTSP redirected from {From} to {To}")]
    public static partial void Redirected(ILogger logger, string from, string to);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "RTSP playing {Url}: {TrackCount} track(s) over {Transport}, session timeout {SessionTimeout}")]
    public static partial void Playing(ILogger logger, string url, int trackCount, RtspTransportMode transport, TimeSpan sessionTimeout);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "RTSP keep-alive {Method} answered {StatusCode}")]
    public static partial void KeepAlive(ILogger logger, string method, int statusCode);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "RTSP keep-alive {Method} to {Url} unanswered ({Problem}); the video still comes, the session goes on")]
    public static partial void KeepAliveUnanswered(ILogger logger, string method, string url, string problem);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "RTSP TEARDOWN not acknowledged: {Problem}")]
    public static partial void TeardownFailed(ILogger logger, string problem);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Debug, Message = "RTSP server sent a request; ignored")]
    public static partial void IgnoredServerRequest(ILogger logger);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug, Message = "RTSP response {StatusCode} (CSeq {CSeq}) arrived with no request waiting; ignored")]
    public static partial void UnexpectedResponse(ILogger logger, int statusCode, int cSeq);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "RTSP skipping {MediaType} track {Control} ({Encoding})")]
    public static partial void SkippedTrack(ILogger logger, string mediaType, string control, string encoding);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information, Message = "RTSP session on {Url} stopped")]
    public static partial void Stopped(ILogger logger, string url);
}
