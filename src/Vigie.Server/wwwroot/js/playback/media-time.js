// The playback timeline: the server puts every recorded fragment at its recorded instant, counted in
// seconds since 2020-01-01 UTC (docs/live.md), so a video's currentTime IS the recorded instant.

const EPOCH_MS = Date.UTC(2020, 0, 1);

// A wall-clock instant (Unix ms) as a media time (seconds on the playback timeline).
export const toMedia = (ms) => (ms - EPOCH_MS) / 1000;

// A media time as a wall-clock instant (Unix ms).
export const toWall = (seconds) => EPOCH_MS + seconds * 1000;
