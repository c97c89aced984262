// The playback control bar: one frame back, pause/play, one frame forward, the speeds, and the recorded
// instant on screen.

import { button, el } from './dom.js';
import { formatParis } from './paris-time.js';

export const SPEEDS = [1, 2, 4, 8];

export class Controls {
  // actions: { step(frames), togglePlay(), setRate(rate) }
  constructor(labels, actions) {
    this.labels = labels;
    const L = labels;
    const bar = el('div', 'playback-controls');
    const back = button('|◀', L.stepBack, () => actions.step(-1));
    this.playButton = button('❚❚', L.pause, () => actions.togglePlay());
    const forward = button('▶|', L.stepForward, () => actions.step(1));
    bar.append(back, this.playButton, forward);
    const speeds = el('span', 'playback-speeds');
    speeds.setAttribute('role', 'group');
    speeds.setAttribute('aria-label', L.speed);
    this.speedButtons = SPEEDS.map((speed) => {
      const b = button(`×${speed}`, `${L.speed} ×${speed}`, () => actions.setRate(speed));
      b.dataset.speed = speed;
      speeds.append(b);
      return b;
    });
    bar.append(speeds);
    this.clockLabel = el('output', 'playback-clock');
    this.clockLabel.setAttribute('aria-live', 'off');
    bar.append(this.clockLabel);
    this.element = bar;
  }

  render(playing, rate, now) {
    const L = this.labels;
    this.playButton.textContent = playing ? '❚❚' : '▶';
    this.playButton.title = playing ? L.pause : L.play;
    this.playButton.setAttribute('aria-label', this.playButton.title);
    this.speedButtons.forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === rate)));
    this.clockLabel.textContent = `${L.recordedAt} ${formatParis(now, true)} (${L.parisTime})`;
    this.clockLabel.dataset.wallMs = String(Math.round(now));
  }
}
