namespace Vigie.Server.Hosting;

/// <summary>Log catalogue of the host's start and stop.</summary>
internal static partial class HostLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Vigie starting: data folder {DataFolder}, database {Database}")]
    public static partial void Starting(ILogger logger, string dataFolder, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vigie listening on {Urls}")]
    public static partial void Listening(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "No administrator yet: setup link printed on standard output (valid until {ExpiresAt})")]
    public static partial void SetupLinkPrinted(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo site seeded: {Summary}")]
    public static partial void DemoSeeded(ILogger logger, string summary);
}
