using System.Diagnostics;
using System.Globalization;

namespace Vigie.Bench.Evidence;

/// <summary>Runs `vigie` (the build copied beside the bench) as a child process, as an administrator would from the shell.</summary>
public sealed class VigieCli(string dll)
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static VigieCli Locate()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "vigie.dll");
        return File.Exists(dll) ? new VigieCli(dll) : throw new FileNotFoundException("vigie.dll is not beside the bench: build it in Release", dll);
    }

    /// <summary>`vigie evidence export` of the camera over [from, to) into <paramref name="folder"/>: its wall time and the package's bytes.</summary>
    public async Task<(double Seconds, long Bytes)> ExportAsync(HourArchive archive, DateTimeOffset from, DateTimeOffset to, string folder, bool masked)
    {
        ArgumentNullException.ThrowIfNull(archive);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        await archive.SetMaskAsync(masked).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await RunAsync("evidence", "export", "--data", archive.DataFolder, "--camera", archive.CameraName,
            "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", to.ToString("O", CultureInfo.InvariantCulture),
            "--authority", "Banc d'essai", "--requisition", "BENCH-1", "--officer", "Vigie.Bench.Evidence", "--reason", "mesure", "--out", folder).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        return (seconds, Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length));
    }

    public async Task RunAsync(params string[] args)
    {
        var result = await RunProgramAsync("dotnet", [dll, .. args]).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"vigie {string.Join(' ', args)} exited with {result.ExitCode}: {result.Output}{result.Error}");
        }
    }

    public static async Task<Result> RunProgramAsync(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return new Result(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
