// Vigie: a camera's analytics rules drawn on its picture (page /cameras/{id}/analyse). Zones and ignored areas
// are polygons, line crossings are segments A→B; every point is dragged with the mouse, a point is added by
// dragging the small mark in the middle of an edge, and removed by a double click. Coordinates are pixels of the
// camera's picture (docs/analytics.md). The page (Blazor) loads and saves; this module edits the rules JSON and
// keeps what it does not show (schedules, fields added later) untouched.

import { el, pictureStage, svg } from './analytics/dom.js';
import { ruleItem, WITH_CLASSES } from './analytics/rule-item.js';

const KINDS = ['intrusion', 'line', 'loitering', 'abandoned', 'removed', 'crowd'];
const DWELL_REQUIRED = new Set(['loitering', 'abandoned', 'removed']);

let editor = null;

export function mount(root, json, labels) {
  editor?.dispose();
  editor = new RulesEditor(root, JSON.parse(json || '{}'), labels);
}

export function value() {
  return editor ? JSON.stringify(editor.model) : '{}';
}

export function unmount() {
  editor?.dispose();
  editor = null;
}

class RulesEditor {
  constructor(root, model, labels) {
    this.root = root;
    this.L = labels;
    this.model = model;
    this.model.rules ??= [];
    this.model.ignore ??= [];
    this.selected = this.model.rules.length > 0 ? { list: 'rules', index: 0 } : null;
    this.width = 1280;
    this.height = 720;
    this.build();
  }

  dispose() {
    this.root.replaceChildren();
  }

  build() {
    this.root.replaceChildren();
    const layout = el('div', 'analytics-editor');
    const { stage, picture, canvas } = pictureStage(this.L.picture, this.L.drawing);
    [this.picture, this.canvas] = [picture, canvas];
    this.picture.addEventListener('load', () => {
      this.width = this.picture.naturalWidth;
      this.height = this.picture.naturalHeight;
      this.root.dataset.pictureWidth = String(this.width);
      this.draw();
    });
    this.picture.addEventListener('error', () => {
      this.noPicture.hidden = false;
      this.width = Math.max(1280, ...this.allPoints().map((p) => p[0] + 1));
      this.height = Math.max(720, ...this.allPoints().map((p) => p[1] + 1));
      this.draw();
    });
    this.picture.src = this.L.snapshotUrl;
    this.noPicture = el('p', 'notice', this.L.noPicture);
    this.noPicture.hidden = true;

    const side = el('div', 'analytics-side');
    const add = el('div', 'analytics-add');
    add.append(el('span', 'add-label', this.L.add));
    for (const kind of KINDS) {
      const button = el('button', null, this.L.kinds[kind]);
      button.type = 'button';
      button.dataset.add = kind;
      button.addEventListener('click', () => this.addRule(kind));
      add.append(button);
    }
    const ignore = el('button', null, this.L.ignoreArea);
    ignore.type = 'button';
    ignore.dataset.add = 'ignore';
    ignore.addEventListener('click', () => this.addIgnore());
    add.append(ignore);
    this.list = el('ol', 'analytics-rules');
    this.hint = el('p', 'notice', this.L.hint);

    const advanced = el('details', 'analytics-json');
    advanced.append(el('summary', null, this.L.json));
    this.json = el('textarea');
    this.json.rows = 14;
    this.json.spellcheck = false;
    this.json.setAttribute('aria-label', this.L.json);
    const apply = el('button', null, this.L.applyJson);
    apply.type = 'button';
    this.jsonError = el('p', 'form-error');
    this.jsonError.setAttribute('role', 'alert');
    apply.addEventListener('click', () => this.applyJson());
    advanced.append(el('p', 'notice', this.L.jsonHint), this.json, apply, this.jsonError);

    side.append(add, this.hint, this.list, advanced);
    layout.append(stage, side);
    this.root.append(this.noPicture, layout);
    this.renderList();
    this.showJson();
    this.draw();
  }

  // The JSON view follows the drawing (set when the drawing changes, never when the view opens: opening it must
  // not overwrite what was just typed into it).
  showJson() {
    this.json.value = JSON.stringify(this.model, null, 2);
  }

  allPoints() {
    const points = [];
    for (const rule of this.model.rules) points.push(...(rule.zone ?? []), ...(rule.line ?? []));
    for (const area of this.model.ignore) points.push(...area);
    return points;
  }

  // A new id: the kind and the first number no rule has.
  newId(kind) {
    const ids = new Set(this.model.rules.map((r) => r.id));
    let n = 1;
    while (ids.has(`${kind}-${n}`)) n++;
    return `${kind}-${n}`;
  }

  // A rectangle in the middle of the picture, to be dragged where it belongs.
  defaultZone() {
    const [w, h] = [this.width, this.height];
    return [[0.3, 0.3], [0.7, 0.3], [0.7, 0.8], [0.3, 0.8]].map(([x, y]) => [Math.round(x * w), Math.round(y * h)]);
  }

  addRule(kind) {
    const id = this.newId(kind);
    const rule = { id, name: `${this.L.kinds[kind]} ${id.split('-').pop()}`, kind };
    if (kind === 'line') {
      rule.line = [[Math.round(this.width / 2), Math.round(this.height * 0.8)], [Math.round(this.width / 2), Math.round(this.height * 0.3)]];
      rule.direction = 'both';
    } else {
      rule.zone = this.defaultZone();
    }
    if (WITH_CLASSES.has(kind)) rule.classes = ['person'];
    if (DWELL_REQUIRED.has(kind)) rule.dwellSeconds = kind === 'loitering' ? 60 : 30;
    if (kind === 'crowd') { rule.count = 5; rule.dwellSeconds = 5; }
    this.model.rules.push(rule);
    this.selected = { list: 'rules', index: this.model.rules.length - 1 };
    this.changed();
  }

  addIgnore() {
    const [w, h] = [this.width, this.height];
    this.model.ignore.push([[0, 0], [w, 0], [w, Math.round(h * 0.12)], [0, Math.round(h * 0.12)]].map(([x, y]) => [x, y]));
    this.selected = { list: 'ignore', index: this.model.ignore.length - 1 };
    this.changed();
  }

  applyJson() {
    try {
      const parsed = JSON.parse(this.json.value);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(this.L.jsonObject);
      this.model = parsed;
      this.model.rules ??= [];
      this.model.ignore ??= [];
      this.selected = this.model.rules.length > 0 ? { list: 'rules', index: 0 } : null;
      this.jsonError.textContent = '';
      this.changed();
    } catch (error) {
      this.jsonError.textContent = `${this.L.jsonInvalid} ${error.message}`;
    }
  }

  changed() {
    this.renderList();
    this.showJson();
    this.draw();
    this.root.dispatchEvent(new CustomEvent('rules-changed', { bubbles: true }));
  }

  shapeOf(selection) {
    if (!selection) return null;
    if (selection.list === 'ignore') return { points: this.model.ignore[selection.index], closed: true };
    const rule = this.model.rules[selection.index];
    return rule.kind === 'line' ? { points: rule.line ??= [], closed: false } : { points: rule.zone ??= [], closed: true };
  }

  renderList() {
    this.list.replaceChildren();
    this.model.rules.forEach((rule, index) => this.list.append(ruleItem(this, rule, index)));
    this.model.ignore.forEach((area, index) => {
      const item = el('li', 'analytics-rule ignore');
      item.dataset.ignore = String(index);
      if (this.isSelected('ignore', index)) item.classList.add('selected');
      const title = el('button', 'rule-title', `${this.L.ignoreArea} ${index + 1}`);
      title.type = 'button';
      title.addEventListener('click', () => this.select('ignore', index));
      const remove = el('button', 'danger', this.L.remove);
      remove.type = 'button';
      remove.addEventListener('click', () => { this.model.ignore.splice(index, 1); this.selected = null; this.changed(); });
      item.append(title, remove);
      this.list.append(item);
    });
  }

  isSelected(list, index) {
    return this.selected?.list === list && this.selected.index === index;
  }

  select(list, index) {
    this.selected = { list, index };
    this.renderList();
    this.draw();
  }

  // Pointer position in the picture's pixels.
  toPicture(event) {
    const point = this.canvas.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(this.canvas.getScreenCTM().inverse());
    return [Math.round(Math.min(this.width, Math.max(0, local.x))), Math.round(Math.min(this.height, Math.max(0, local.y)))];
  }

  draw() {
    const c = this.canvas;
    c.setAttribute('viewBox', `0 0 ${this.width} ${this.height}`);
    c.replaceChildren();
    const stroke = Math.max(2, this.width / 400);
    const handle = Math.max(6, this.width / 120);
    const shapes = [];
    this.model.ignore.forEach((area, index) => shapes.push({ list: 'ignore', index, points: area, closed: true, className: 'shape-ignore' }));
    this.model.rules.forEach((rule, index) => {
      shapes.push(rule.kind === 'line'
        ? { list: 'rules', index, points: rule.line ?? [], closed: false, className: 'shape-line', rule }
        : { list: 'rules', index, points: rule.zone ?? [], closed: true, className: `shape-zone kind-${rule.kind}`, rule });
    });
    for (const shape of shapes) {
      const selected = this.isSelected(shape.list, shape.index);
      const text = shape.points.map((p) => p.join(',')).join(' ');
      const node = svg(shape.closed ? 'polygon' : 'polyline', { points: text, class: `${shape.className}${selected ? ' selected' : ''}`, 'stroke-width': stroke });
      node.addEventListener('pointerdown', (event) => { if (!this.drawing) { event.stopPropagation(); this.select(shape.list, shape.index); } });
      c.append(node);
      if (shape.rule?.kind === 'line' && shape.points.length === 2) this.drawDirection(shape.rule, stroke);
      if (shape.rule && shape.points.length > 0) {
        const label = svg('text', { x: shape.points[0][0] + handle, y: shape.points[0][1] - handle, class: 'shape-label', 'font-size': handle * 2.4 });
        label.textContent = shape.rule.name || shape.rule.id;
        c.append(label);
      }
    }

    const current = this.shapeOf(this.selected);
    if (!current) return;
    const points = current.points;
    points.forEach((p, i) => {
      const dot = svg('circle', { cx: p[0], cy: p[1], r: handle, class: 'handle', 'data-point': i });
      dot.addEventListener('pointerdown', (event) => this.startDrag(event, points, i));
      dot.addEventListener('dblclick', (event) => {
        event.stopPropagation();
        if (points.length > (current.closed ? 3 : 2)) { points.splice(i, 1); this.changed(); }
      });
      c.append(dot);
    });
    if (!this.drawing) {
      const edges = current.closed ? points.length : points.length - 1;
      for (let i = 0; i < edges && points.length >= 2; i++) {
        const a = points[i];
        const b = points[(i + 1) % points.length];
        const mid = svg('circle', { cx: (a[0] + b[0]) / 2, cy: (a[1] + b[1]) / 2, r: handle * 0.6, class: 'handle middle', 'data-edge': i });
        mid.addEventListener('pointerdown', (event) => {
          if (!current.closed) return;
          points.splice(i + 1, 0, [Math.round((a[0] + b[0]) / 2), Math.round((a[1] + b[1]) / 2)]);
          this.startDrag(event, points, i + 1);
        });
        if (current.closed) c.append(mid);
      }
    }
    this.root.dataset.drawing = this.drawing ? 'true' : 'false';
    c.onpointerdown = (event) => this.addPoint(event, current);
  }

  // The arrow of a line crossing: from the line's middle, to the side an object crosses to (A→B, its right).
  drawDirection(rule, stroke) {
    const [a, b] = rule.line;
    const [mx, my] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const length = Math.hypot(dx, dy) || 1;
    // The picture's y goes down: the right of A→B is (-dy, dx).
    const [rx, ry] = [-dy / length, dx / length];
    const size = Math.max(30, length / 4);
    const arrows = rule.direction === 'left-to-right' ? [1] : rule.direction === 'right-to-left' ? [-1] : [1, -1];
    for (const sign of arrows) {
      const tip = [mx + sign * rx * size, my + sign * ry * size];
      this.canvas.append(svg('line', { x1: mx, y1: my, x2: tip[0], y2: tip[1], class: 'shape-arrow', 'stroke-width': stroke }));
      const back = [tip[0] - sign * rx * size * 0.3, tip[1] - sign * ry * size * 0.3];
      const side = [(dx / length) * size * 0.15, (dy / length) * size * 0.15];
      this.canvas.append(svg('polygon', { points: `${tip.join(',')} ${back[0] + side[0]},${back[1] + side[1]} ${back[0] - side[0]},${back[1] - side[1]}`, class: 'shape-arrowhead' }));
    }
  }

  addPoint(event, current) {
    if (!this.drawing || event.button !== 0) return;
    current.points.push(this.toPicture(event));
    const done = !current.closed && current.points.length >= 2;
    if (done) this.drawing = false;
    this.changed();
  }

  startDrag(event, points, index) {
    event.stopPropagation();
    event.preventDefault();
    const target = event.target;
    target.setPointerCapture?.(event.pointerId);
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

// Finishing a polygon being drawn: Enter or a double click on the picture.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && editor?.drawing) {
    editor.drawing = false;
    editor.changed();
  }
});
document.addEventListener('dblclick', (event) => {
  if (editor?.drawing && editor.canvas.contains(event.target)) {
    editor.drawing = false;
    editor.changed();
  }
});
