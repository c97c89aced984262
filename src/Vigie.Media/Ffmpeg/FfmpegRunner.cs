using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Vigie.Media.Ffmpeg;

/// <summary>
/// Runs Debian's ffmpeg/ffprobe as child processes the careful way: no shell, the full command line
/// logged, stderr always drained (a full pipe would block the child), stop with 'q' then kill after a
/// grace period, and a clear error naming the command when it fails.
/// </summary>
/// <param name="time">Clock of the time-outs; the system's by default (a child process runs in real time).</param>
public sealed partial class FfmpegRunner(ILogger logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? SystemClock.Default;

    public const string Ffmpeg = "ffmpeg";
    public const string Ffprobe = "ffprobe";

    /// <summary>Runs to completion and returns standard output; throws <see cref="FfmpegException"/> on a non-zero exit.</summary>
    public async Task<string> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = Start(program, arguments, redirectStdin: false);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var expiry = new CancellationTokenSource(timeout, _time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw cancellationToken.IsCancellationRequested
                ? new OperationCanceledException(cancellationToken)
                : new FfmpegException($"{program} did not finish within {timeout}: {CommandLine(program, arguments)}");
        }

        var error = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new FfmpegException($"{program} exited with {process.ExitCode}: {CommandLine(program, arguments)}\n{Tail(error)}");
        }

        return await stdout.ConfigureAwait(false);
    }

    /// <summary>Starts a long-running child whose standard output the caller reads; stderr is drained into the log.</summary>
    public Process StartStreaming(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Start(program, arguments, redirectStdin: true, environment);
        _ = DrainAsync(process, program);
        return process;
    }

    /// <summary>Asks ffmpeg to stop ('q' on stdin), then kills it if it has not exited after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        try
        {
            await process.StandardInput.WriteAsync('q').ConfigureAwait(false);
            await process.StandardInput.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The child already closed its stdin: it is exiting; the kill below covers the rest.
        }

        using var wait = new CancellationTokenSource(grace, time ?? SystemClock.Default);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    public static string CommandLine(string program, IEnumerable<string> arguments) =>
        program + " " + string.Join(' ', arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));

    private Process Start(string program, IReadOnlyList<string> arguments, bool redirectStdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        LogStarting(logger, CommandLine(program, arguments));
        try
        {
            return Process.Start(start) ?? throw new FfmpegException($"{program} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new FfmpegException($"{program} could not be started ({ex.Message}); install Debian's ffmpeg package.", ex);
        }
    }

    private async Task DrainAsync(Process process, string program)
    {
        try
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                LogChildOutput(logger, program, process.Id, line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away while we read; its exit is handled by whoever owns it.
        }
    }

    private static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new StringBuilder().AppendJoin('\n', lines.TakeLast(10)).ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting {CommandLine}")]
    private static partial void LogStarting(ILogger logger, string commandLine);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Program}[{Pid}]: {Line}")]
    private static partial void LogChildOutput(ILogger logger, string program, int pid, string line);
}
