// Vigie: the boxes over third parties in an access request's extract (page /droit-acces). The operator moves through
// the range with the slider (the picture is the recording at that instant), draws a box over a person by dragging
// on the picture, and moves on: each box drawn is a position of the current person, and between positions the box
// follows by interpolation (shown dashed). « Autre personne » starts another. Coordinates are fractions of the
// picture; instants are seconds from the start of the range (docs/compliance.md).

import { el, pictureStage, svg } from './analytics/dom.js';

let editor = null;

export function mount(root, settings, labels) {
  editor?.dispose();
  editor = new RedactionEditor(root, settings, labels);
}

export function value() {
  return JSON.stringify(editor ? editor.tracks.filter((t) => t.length > 0) : []);
}

export function unmount() {
  editor?.dispose();
  editor = null;
}

const round = (v) => Math.round(v * 10000) / 10000;

// The box of a track at an instant: as RedactionTrack.At on the server.
function boxAt(track, at) {
  const keys = [...track].sort((a, b) => a.at - b.at);
  if (keys.length === 0) return null;
  if (at <= keys[0].at) return keys[0];
  for (let i = 1; i < keys.length; i++) {
    const [a, b] = [keys[i - 1], keys[i]];
    if (at <= b.at) {
      const f = b.at > a.at ? (at - a.at) / (b.at - a.at) : 1;
      const lerp = (p, q) => p + (q - p) * f;
      return { at, x: lerp(a.x, b.x), y: lerp(a.y, b.y), width: lerp(a.width, b.width), height: lerp(a.height, b.height) };
    }
  }
  return keys[keys.length - 1];
}

class RedactionEditor {
  constructor(root, settings, labels) {
    this.root = root;
    this.S = settings;
    this.L = labels;
    this.tracks = [[]];
    this.current = 0;
    this.at = 0;
    this.build();
  }

  dispose() {
    this.root.replaceChildren();
  }

  build() {
    const layout = el('div', 'analytics-editor redaction-editor');
    const { stage, picture, canvas } = pictureStage(this.L.picture, this.L.drawing, '0 0 1 1');
    [this.picture, this.canvas] = [picture, canvas];
    this.slider = el('input');
    Object.assign(this.slider, { type: 'range', min: '0', max: String(this.S.seconds), step: '0.5', value: '0', id: 'redaction-time' });
    this.slider.setAttribute('aria-label', this.L.instant);
    this.clock = el('span', 'notice');
    // The boxes follow the slider at once; the picture (an audited snapshot of the recording) when it is let go.
    this.slider.addEventListener('input', () => this.seek(Number(this.slider.value), false));
    this.slider.addEventListener('change', () => this.seek(Number(this.slider.value), true));
    const side = el('div', 'analytics-side');
    const another = el('button', null, this.L.another);
    another.type = 'button';
    another.id = 'redaction-another';
    another.addEventListener('click', () => {
      if (this.tracks[this.current].length > 0) this.tracks.push([]);
      this.current = this.tracks.length - 1;
      this.changed();
    });
    this.list = el('ol', 'analytics-rules');
    side.append(el('p', 'notice', this.L.help), another, this.list);
    const time = el('div', 'redaction-time');
    time.append(this.slider, this.clock);
    layout.append(stage, side);
    this.root.append(time, layout);
    this.canvas.addEventListener('pointerdown', (event) => this.startBox(event));
    this.seek(0);
  }

  seek(at, picture = true) {
    this.at = at;
    this.clock.textContent = `${this.L.at} +${at.toFixed(1)} s`;
    if (picture) this.picture.src = `${this.S.snapshotUrl}?at=${encodeURIComponent(new Date(this.S.fromMs + at * 1000).toISOString())}`;
    this.draw();
  }

  changed() {
    this.root.dataset.tracks = String(this.tracks.filter((t) => t.length > 0).length);
    this.list.replaceChildren();
    this.tracks.forEach((track, index) => {
      const item = el('li', `analytics-rule${index === this.current ? ' selected' : ''}`);
      const title = el('button', 'rule-title', `${this.L.person} ${index + 1} — ${track.length} ${this.L.positions}`);
      title.type = 'button';
      title.addEventListener('click', () => { this.current = index; this.changed(); });
      const remove = el('button', 'secondary', this.L.remove);
      remove.type = 'button';
      remove.addEventListener('click', () => {
        this.tracks.splice(index, 1);
        if (this.tracks.length === 0) this.tracks.push([]);
        this.current = Math.min(this.current, this.tracks.length - 1);
        this.changed();
      });
      item.append(title, remove);
      this.list.append(item);
    });
    this.draw();
  }

  draw() {
    this.canvas.replaceChildren();
    this.tracks.forEach((track, index) => {
      const box = boxAt(track, this.at);
      if (!box) return;
      const placed = track.some((k) => Math.abs(k.at - this.at) < 0.01);
      this.canvas.append(svg('rect', {
        x: box.x, y: box.y, width: box.width, height: box.height,
        class: `redaction-box${index === this.current ? ' selected' : ''}${placed ? ' placed' : ''}`,
        'vector-effect': 'non-scaling-stroke',
      }));
    });
  }

  toPicture(event) {
    const r = this.canvas.getBoundingClientRect();
    return [Math.min(1, Math.max(0, (event.clientX - r.left) / r.width)), Math.min(1, Math.max(0, (event.clientY - r.top) / r.height))];
  }

  startBox(event) {
    if (event.button !== 0) return;
    event.preventDefault();
    const [x0, y0] = this.toPicture(event);
    const track = this.tracks[this.current];
    const move = (e) => {
      const [x1, y1] = this.toPicture(e);
      const key = { at: this.at, x: round(Math.min(x0, x1)), y: round(Math.min(y0, y1)), width: round(Math.abs(x1 - x0)), height: round(Math.abs(y1 - y0)) };
      const index = track.findIndex((k) => Math.abs(k.at - this.at) < 0.01);
      if (index >= 0) track[index] = key; else track.push(key);
      this.draw();
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      const index = track.findIndex((k) => Math.abs(k.at - this.at) < 0.01);
      if (index >= 0 && (track[index].width < 0.01 || track[index].height < 0.01)) track.splice(index, 1);
      this.changed();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }
}
