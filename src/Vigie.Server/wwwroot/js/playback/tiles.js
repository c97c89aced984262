// The playback tiles: one <video> per camera with an overlay naming the camera, the recorded instant it
// shows and its state, and a plain message (with its action) when there is nothing to show.

import { button, el } from './dom.js';
import { formatParis } from './paris-time.js';
import { attachMasks } from '../masks/overlay.js';

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
    this.message = el('div', 'tile-message');
    this.message.setAttribute('role', 'status');
    this.message.hidden = true;
    tile.append(this.video, overlay, this.message);
    this.masks = attachMasks(this.video, camera.id);
    this.element = tile;
  }

  showState(state, text) {
    this.state.textContent = text ?? '';
    this.state.className = `tile-state state-${state}`;
    this.element.dataset.state = state;
  }

  // The recorded instant of the picture on screen (Unix ms), or null when there is none.
  showTime(wallMs) {
    this.time.textContent = wallMs === null ? '' : formatParis(wallMs, true);
    this.time.dataset.wallMs = wallMs === null ? '' : String(Math.round(wallMs));
  }

  // A message across the tile, with at most one action ({ label, run }); a null text hides it. The
  // action's button is kept while its label stays (a countdown in the text does not steal its focus).
  showMessage(text, action) {
    this.message.hidden = text === null;
    if (text === null) {
      this.message.replaceChildren();
      this.messageText = null;
      this.messageAction = null;
      return;
    }
    if (!this.messageText) {
      this.messageText = el('p');
      this.message.append(this.messageText);
    }
    if (this.messageText.textContent !== text) this.messageText.textContent = text;
    const label = action?.label ?? null;
    if (label !== (this.messageAction?.label ?? null)) {
      this.messageAction?.element.remove();
      this.messageAction = action ? { label, element: button(label, label, () => this.messageAction.run()) } : null;
      if (this.messageAction) this.message.append(this.messageAction.element);
    }
    if (this.messageAction) this.messageAction.run = action.run;
  }
}

// The grid of tiles: one column for one camera, two for more.
export function buildGrid(cameras) {
  const grid = el('div', `playback-grid size-${cameras.length > 1 ? 2 : 1}`);
  const tiles = cameras.map((camera) => new Tile(camera));
  grid.append(...tiles.map((tile) => tile.element));
  return { grid, tiles };
}
