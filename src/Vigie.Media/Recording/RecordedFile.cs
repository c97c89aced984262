using Microsoft.Win32.SafeHandles;

namespace Vigie.Media.Recording;

/// <summary>
/// A segment file being written (NAME.mp4.part) and later renamed (NAME.mp4). Readers of the pre-alarm
/// clip open it by its current name under the same lock as the rename, then read through the handle,
/// which stays valid across the rename (and a deletion) on Linux.
/// </summary>
internal sealed class RecordedFile(string path)
{
    private readonly Lock _lock = new();
    private string _path = path;

    public string Path
    {
        get
        {
            lock (_lock)
            {
                return _path;
            }
        }
    }

    /// <summary>Renames the file on disk and remembers the new name, atomically for <see cref="TryOpen"/>.</summary>
    public void MoveTo(string path)
    {
        lock (_lock)
        {
            File.Move(_path, path, overwrite: true);
            _path = path;
        }
    }

    /// <summary>A read handle on the file, or null when it is gone (deleted, unreadable).</summary>
    public SafeFileHandle? TryOpen()
    {
        lock (_lock)
        {
            try
            {
                return File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
