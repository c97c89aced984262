namespace Vigie.Media.Retention;

/// <summary>The real probe: free space of the file system holding the folder.</summary>
public sealed class DriveFreeSpaceProbe : IFreeSpaceProbe
{
    public long FreeBytes(string folder)
    {
        Directory.CreateDirectory(folder);
        return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
    }
}
