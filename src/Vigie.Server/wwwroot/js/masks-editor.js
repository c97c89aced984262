// Vigie: a camera's privacy masks drawn on its picture (page /cameras/{id}/masques). Each mask is a polygon: its points
// are dragged, a point is added by dragging the small mark in the middle of an edge and removed by a double click.
// Coordinates are fractions of the picture (0 to 1), so masks fit every stream of the camera (docs/compliance.md).
// The page (Blazor) loads and saves; this module edits the list of polygons.

import { el, pictureStage, svg } from './analytics/dom.js';

let editor = null;

export function mount(root, json, labels) {
  editor?.dispose();
  editor = new MasksEditor(root, JSON.parse(json || '[]'), labels);
}

export function value() {
  return JSON.stringify(editor ? editor.polygons.map((polygon) => polygon.map(([x, y]) => ({ x: round(x), y: round(y) }))) : []);
}

export function unmount() {
  editor?.dispose();
  editor = null;
}

const round = (v) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

class MasksEditor {
  constructor(root, polygons, labels) {
    this.root = root;
    this.L = labels;
    this.polygons = polygons.map((polygon) => polygon.map((p) => [p.x, p.y]));
    this.selected = this.polygons.length > 0 ? 0 : null;
    this.width = 1280;
    this.height = 720;
    this.build();
  }

  dispose() {
    this.root.replaceChildren();
  }

  build() {
    this.root.replaceChildren();
    const layout = el('div', 'analytics-editor masks-editor');
    const { stage, picture, canvas } = pictureStage(this.L.picture, this.L.drawing);
    this.canvas = canvas;
    picture.addEventListener('load', () => {
      this.width = picture.naturalWidth;
      this.height = picture.naturalHeight;
      this.draw();
    });
    picture.addEventListener('error', () => {
      noPicture.hidden = false;
      this.draw();
    });
    picture.src = this.L.snapshotUrl;
    const noPicture = el('p', 'notice', this.L.noPicture);
    noPicture.hidden = true;

    const side = el('div', 'analytics-side');
    const add = el('button', null, this.L.add);
    add.type = 'button';
    add.id = 'mask-add';
    add.addEventListener('click', () => {
      this.polygons.push([[0.35, 0.35], [0.65, 0.35], [0.65, 0.65], [0.35, 0.65]]);
      this.selected = this.polygons.length - 1;
      this.changed();
    });
    this.list = el('ol', 'analytics-rules');
    side.append(add, el('p', 'notice', this.L.help), this.list);
    layout.append(stage, side);
    this.root.append(noPicture, layout);
    this.changed();
  }

  changed() {
    this.root.dataset.masks = String(this.polygons.length);
    this.list.replaceChildren();
    this.polygons.forEach((polygon, index) => {
      const item = el('li', `analytics-rule${index === this.selected ? ' selected' : ''}`);
      const title = el('button', 'rule-title', `${this.L.mask} ${index + 1} (${polygon.length} ${this.L.points})`);
      title.type = 'button';
      title.addEventListener('click', () => { this.selected = index; this.changed(); });
      const remove = el('button', 'secondary', this.L.remove);
      remove.type = 'button';
      remove.addEventListener('click', () => {
        this.polygons.splice(index, 1);
        this.selected = this.polygons.length > 0 ? Math.min(index, this.polygons.length - 1) : null;
        this.changed();
      });
      item.append(title, remove);
      this.list.append(item);
    });
    this.draw();
  }

  draw() {
    const c = this.canvas;
    const [w, h] = [this.width, this.height];
    c.setAttribute('viewBox', `0 0 ${w} ${h}`);
    c.replaceChildren();
    const handle = Math.max(6, w / 120);
    this.polygons.forEach((polygon, index) => {
      const node = svg('polygon', { points: polygon.map(([x, y]) => `${x * w},${y * h}`).join(' '), class: index === this.selected ? 'selected' : '', 'stroke-width': Math.max(2, w / 400) });
      node.addEventListener('pointerdown', (event) => { event.stopPropagation(); this.selected = index; this.changed(); });
      c.append(node);
    });
    const points = this.polygons[this.selected];
    if (!points) return;
    points.forEach(([x, y], i) => {
      const dot = svg('circle', { cx: x * w, cy: y * h, r: handle, class: 'handle', 'data-point': i });
      dot.addEventListener('pointerdown', (event) => this.startDrag(event, points, i));
      dot.addEventListener('dblclick', (event) => {
        event.stopPropagation();
        if (points.length > 3) { points.splice(i, 1); this.changed(); }
      });
      c.append(dot);
    });
    points.forEach((a, i) => {
      const b = points[(i + 1) % points.length];
      const mid = svg('circle', { cx: ((a[0] + b[0]) / 2) * w, cy: ((a[1] + b[1]) / 2) * h, r: handle * 0.6, class: 'handle middle' });
      mid.addEventListener('pointerdown', (event) => {
        if (points.length >= 32) return;
        points.splice(i + 1, 0, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
        this.startDrag(event, points, i + 1);
      });
      c.append(mid);
    });
  }

  toPicture(event) {
    const box = this.canvas.getBoundingClientRect();
    return [round((event.clientX - box.left) / box.width), round((event.clientY - box.top) / box.height)];
  }

  startDrag(event, points, index) {
    event.stopPropagation();
    event.preventDefault();
    event.target.setPointerCapture?.(event.pointerId);
    const move = (e) => {
      points[index] = this.toPicture(e);
      this.draw();
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      this.changed();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }
}
