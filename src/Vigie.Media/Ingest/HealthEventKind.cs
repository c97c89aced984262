namespace Vigie.Media.Ingest;

public enum HealthEventKind
{
    /// <summary>Perte vidéo: no frame for the configured delay.</summary>
    VideoLost,

    /// <summary>Flux rétabli: frames are back after a video loss.</summary>
    VideoRestored,
}
