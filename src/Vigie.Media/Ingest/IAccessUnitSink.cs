namespace Vigie.Media.Ingest;

/// <summary>
/// A consumer of a camera's frames. Called on the ingest thread: it must not block. A consumer that
/// needs the frame later calls <see cref="AccessUnit.Retain"/> and queues it.
/// </summary>
public interface IAccessUnitSink
{
    void OnAccessUnit(AccessUnit unit);
}
