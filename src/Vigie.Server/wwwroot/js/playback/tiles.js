// The playback tiles: one <video> per camera with an overlay naming the camera, the recorded instant it
// shows and its state.

import { el } from './dom.js';
import { formatParis } from './paris-time.js';

export class Tile {
  constructor(camera) {
    const tile = el('div', 'playback-tile');
    tile.dataset.camera = camera.id;
    this.video = el('video');
    this.video.muted = true;
    this.video.playsInline = true;
    const overlay = el('div', 'tile-overlay');
    overlay.append(el('span', 'tile-name', camera.name));
    this.time = el('span', 'tile-recorded');
    this.state = el('span', 'tile-state');
    overlay.append(this.time, this.state);
    tile.append(this.video, overlay);
    this.element = tile;
  }

  showState(state, text) {
    this.state.textContent = text ?? '';
    this.state.className = `tile-state state-${state}`;
  }

  // The recorded instant of the picture on screen (Unix ms), or null when there is none.
  showTime(wallMs) {
    this.time.textContent = wallMs === null ? '' : formatParis(wallMs, true);
    this.time.dataset.wallMs = wallMs === null ? '' : String(Math.round(wallMs));
  }
}

// The grid of tiles: one column for one camera, two for more.
export function buildGrid(cameras) {
  const grid = el('div', `playback-grid size-${cameras.length > 1 ? 2 : 1}`);
  const tiles = cameras.map((camera) => new Tile(camera));
  grid.append(...tiles.map((tile) => tile.element));
  return { grid, tiles };
}
