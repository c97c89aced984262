using System.Diagnostics;

namespace Vigie.Bench.Playback;

/// <summary>The kernel's page cache: dropped before each cold seek (root only), filled before warm ones.</summary>
public static class PageCache
{
    private const string DropCaches = "/proc/sys/vm/drop_caches";

    /// <summary>Whether this process may drop the page cache (root).</summary>
    public static bool CanDrop => Environment.UserName == "root" && File.Exists(DropCaches);

    /// <summary>`sync; echo 3 > /proc/sys/vm/drop_caches`: clean pages, dentries and inodes all dropped.</summary>
    public static async Task DropAsync(CancellationToken cancellationToken)
    {
        using (var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false }) ?? throw new InvalidOperationException("could not run sync"))
        {
            await sync.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(DropCaches, "3", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the files whole, so their pages are cached.</summary>
    public static async Task<long> WarmAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        long bytes = 0;
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                bytes += read;
            }
        }

        return bytes;
    }
}
