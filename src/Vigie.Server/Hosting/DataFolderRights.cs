using System.Globalization;
using System.Runtime.InteropServices;

namespace Vigie.Server.Hosting;

/// <summary>
/// The data folder holds password hashes, camera secrets, snapshots, recordings and the installation's
/// keys: it is the installation's user's alone. Vigie creates it 0700 and, by making its own file-creation
/// mask 077, every file and folder it writes there 0600 / 0700 (the database and its journal, the keys,
/// recordings, exports). It does not change the rights of what exists already, since an administrator may
/// have chosen them; it says at start when they are wider (<see cref="Wider"/>).
/// </summary>
public static class DataFolderRights
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OthersAndGroup = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>From now on this process creates files 0600 and folders 0700; creates <paramref name="folder"/> 0700 when missing.</summary>
    public static void Restrict(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        _ = Umask(0b000_111_111);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, Private);
        }
    }

    /// <summary>What in the data folder other users may read or change: one plain sentence each, with the fix.</summary>
    public static IReadOnlyList<string> Wider(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return [];
        }

        var found = new List<string>();
        Check(folder, isFolder: true, found);
        foreach (var name in new[] { "vigie.db", "vigie.db-wal", "vigie.db-shm", "appsettings.json" })
        {
            Check(Path.Combine(folder, name), isFolder: false, found);
        }

        var keys = Path.Combine(folder, "keys");
        if (Directory.Exists(keys))
        {
            Check(keys, isFolder: true, found);
            foreach (var key in Directory.EnumerateFiles(keys))
            {
                Check(key, isFolder: false, found);
            }
        }

        return found;
    }

    private static void Check(string path, bool isFolder, List<string> found)
    {
        if (OperatingSystem.IsWindows() || (isFolder ? !Directory.Exists(path) : !File.Exists(path)))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersAndGroup) != 0)
        {
            var octal = Convert.ToString((int)mode, 8).PadLeft(4, '0');
            found.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path} is open to other users of this machine (mode {octal}); run: chmod {(isFolder ? "700" : "600")} {path}"));
        }
    }

    // DllImport: a blittable call that needs no marshalling, and LibraryImport would need unsafe code in the host.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
