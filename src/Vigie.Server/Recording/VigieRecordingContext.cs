using Vigie.Media.Recording;
using Vigie.Server.Hosting;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Recording;

/// <summary>What every camera recorder of the host shares.</summary>
public sealed record VigieRecordingContext(VigieHostOptions Options, RecordingOptions Recording, SegmentIndexWriter Index, LogbookWriter Logbook, TimeProvider Time);
