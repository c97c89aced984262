namespace Vigie.Media.Retention;

/// <summary>Free bytes where recordings live; injectable so tests can simulate a full disk.</summary>
public interface IFreeSpaceProbe
{
    long FreeBytes(string folder);
}
