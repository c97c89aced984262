namespace Vigie.Media.Ffmpeg;

/// <summary>An ffmpeg/ffprobe child failed; the message names the command and ffmpeg's last words.</summary>
public sealed class FfmpegException : Exception
{
    public FfmpegException()
    {
    }

    public FfmpegException(string message)
        : base(message)
    {
    }

    public FfmpegException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
