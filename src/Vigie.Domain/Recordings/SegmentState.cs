namespace Vigie.Domain.Recordings;

public enum SegmentState
{
    /// <summary>The file is complete on disk and indexed.</summary>
    Complete = 1,

    /// <summary>The index row outlived its file (deleted or lost outside Vigie); kept so the loss is visible.</summary>
    Missing = 2,
}
