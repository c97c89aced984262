using System.Diagnostics;

namespace Vigie.Testing;

/// <summary>Runs the real `vigie` program (the built vigie.dll next to the tests) as a child process.</summary>
public static class VigieProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static async Task<Result> RunAsync(params string[] args) => await RunAsync(TimeSpan.FromSeconds(60), args);

    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] args) =>
        await RunProgramAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "vigie.dll"), .. args], timeout);

    /// <summary>Another program (ffmpeg…), for what a test prepares.</summary>
    public static async Task<Result> RunToolAsync(string program, params string[] args) => await RunProgramAsync(program, args, TimeSpan.FromSeconds(60));

    private static async Task<Result> RunProgramAsync(string program, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not exit within {timeout}: {await stdout}{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
