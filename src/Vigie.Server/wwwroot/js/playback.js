// Vigie playback ("Relecture"): up to four cameras' recordings in sync, a zoomable 24-hour timeline of
// what was recorded, pause, ×1/×2/×4/×8 and frame steps (playback/playback-session.js). Each camera plays
// the playback WebSocket (GET /api/cameras/{id}/playback, message format in docs/live.md) through Media
// Source Extensions (media/mse-buffer.js, shared with the live wall). This module is the page's entry.

import { PlaybackSession } from './playback/playback-session.js';

let session = null;

// Blazor interop: (re)starts the playback of `cameras` ([{id, name}]) at the ISO instant `at`.
export function mount(root, cameras, at, labels) {
  session?.dispose();
  session = cameras.length === 0 ? null : new PlaybackSession(root, { cameras, at: Date.parse(at), labels });
}

export function unmount() {
  session?.dispose();
  session = null;
}

// For tests and benchmarks.
window.vigiePlayback = {
  state: () => session?.state() ?? null,
  seek: (iso) => session?.seekTo(Date.parse(iso)),
  pause: () => { if (session?.playing) session.togglePlay(); },
};
