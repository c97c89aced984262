// The playback timeline: per camera, what was recorded, the interruptions and when the analytics saw motion
// over a Paris day, zoomable to 6 h, 1 h, 15 min and 5 min (wheel, + and −), movable (◀ ▶); a click or the
// arrow keys play from an instant. Reads GET /api/cameras/{id}/recordings for the window on view.

import { button, el, escape } from './dom.js';
import { formatParis, parisMidnight } from './paris-time.js';

const ZOOMS = [24 * 3600e3, 6 * 3600e3, 3600e3, 15 * 60e3, 5 * 60e3];
const ROW_HEIGHT = 18;
const AXIS_HEIGHT = 20;

export class Timeline {
  // now(): the instant on screen; seek(ms): play from an instant.
  constructor(root, cameras, labels, { now, seek }) {
    this.root = root;
    this.cameras = cameras;
    this.now = now;
    this.seek = seek;
    this.zoom = 0;
    this.recordings = new Map();
    this.element = this.build(labels);
  }

  build(L) {
    const timeline = el('div', 'playback-timeline');
    const nav = el('div', 'timeline-nav');
    nav.append(
      button('◀', L.earlier, () => this.pan(-0.5)),
      button('−', L.zoomOut, () => this.setZoom(this.zoom - 1)),
      button('+', L.zoomIn, () => this.setZoom(this.zoom + 1)),
      button('▶', L.later, () => this.pan(0.5)));
    this.rangeLabel = el('span', 'timeline-range');
    nav.append(this.rangeLabel);
    this.canvas = el('canvas', 'timeline-canvas');
    this.canvas.setAttribute('role', 'slider');
    this.canvas.setAttribute('aria-label', L.timeline);
    this.canvas.tabIndex = 0;
    this.canvas.addEventListener('click', (event) => {
      const box = this.canvas.getBoundingClientRect();
      const fraction = (event.clientX - box.left) / box.width;
      this.seek(Math.round(this.viewStart + fraction * (this.viewEnd - this.viewStart)));
    });
    this.canvas.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowLeft') this.seek(this.now() - (this.viewEnd - this.viewStart) / 48);
      if (event.key === 'ArrowRight') this.seek(this.now() + (this.viewEnd - this.viewStart) / 48);
    });
    this.canvas.addEventListener('wheel', (event) => {
      event.preventDefault();
      this.setZoom(this.zoom + (event.deltaY < 0 ? 1 : -1));
    }, { passive: false });
    const legend = el('p', 'timeline-legend');
    legend.innerHTML = `<span class="pb-legend recorded"></span> ${escape(L.recorded)} <span class="pb-legend gap"></span> ${escape(L.gap)} <span class="pb-legend motion"></span> ${escape(L.motion)} <span class="pb-legend none"></span> ${escape(L.nothing)}`;
    timeline.append(nav, this.canvas, legend);
    return timeline;
  }

  setZoom(level) {
    this.zoom = Math.max(0, Math.min(ZOOMS.length - 1, level));
    this.viewAround(this.now());
  }

  pan(fraction) {
    const span = this.viewEnd - this.viewStart;
    this.viewStart += span * fraction;
    this.viewEnd += span * fraction;
    this.loadRecordings();
  }

  // Brings an instant into view when it is outside it.
  show(wallMs) {
    if (wallMs < this.viewStart || wallMs >= this.viewEnd) this.viewAround(wallMs);
  }

  // The 24 h view is the Paris calendar day of the instant; closer zooms are centred on it.
  viewAround(wallMs) {
    if (this.zoom === 0) {
      this.viewStart = parisMidnight(wallMs);
      this.viewEnd = parisMidnight(this.viewStart + 36 * 3600e3);
    } else {
      const span = ZOOMS[this.zoom];
      this.viewStart = wallMs - span / 2;
      this.viewEnd = wallMs + span / 2;
    }
    this.loadRecordings();
  }

  async loadRecordings() {
    const from = new Date(this.viewStart).toISOString();
    const to = new Date(this.viewEnd).toISOString();
    const view = `${from}/${to}`;
    this.loadedView = view;
    await Promise.all(this.cameras.map(async (camera) => {
      try {
        const response = await fetch(`/api/cameras/${camera.id}/recordings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { credentials: 'same-origin' });
        if (!response.ok) return;
        const data = await response.json();
        if (this.loadedView !== view) return;
        this.recordings.set(camera.id, {
          segments: data.segments.filter((s) => s.state !== 'missing').map((s) => [Date.parse(s.startsAt), Date.parse(s.endsAt)]),
          gaps: data.gaps.map((g) => [Date.parse(g.startsAt), Date.parse(g.endsAt)]),
          motion: (data.motion ?? []).map((m) => [Date.parse(m.startsAt), Date.parse(m.endsAt)]),
        });
      } catch (error) {
        console.warn('vigie playback: recordings of', camera.name, error);
      }
    }));
    this.draw(this.now());
  }

  draw(now) {
    const canvas = this.canvas;
    const width = canvas.clientWidth || 800;
    const height = AXIS_HEIGHT + ROW_HEIGHT * this.cameras.length + 4;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.style.height = `${height}px`;
    }
    canvas.dataset.viewStart = String(Math.round(this.viewStart));
    canvas.dataset.viewEnd = String(Math.round(this.viewEnd));
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const span = this.viewEnd - this.viewStart;
    const x = (ms) => ((ms - this.viewStart) / span) * width;
    const style = getComputedStyle(this.root);
    const color = (name, fallback) => style.getPropertyValue(name).trim() || fallback;

    // Axis: a tick per sensible step, labelled in Paris time.
    const step = [60e3, 5 * 60e3, 15 * 60e3, 3600e3, 3 * 3600e3].find((s) => span / s <= 12) ?? 3 * 3600e3;
    g.fillStyle = color('--muted', '#8a96a3');
    g.font = '11px sans-serif';
    g.textBaseline = 'top';
    for (let t = Math.ceil(this.viewStart / step) * step; t < this.viewEnd; t += step) {
      g.fillRect(x(t), AXIS_HEIGHT - 5, 1, 5);
      g.fillText(formatParis(t, false), x(t) + 2, 2);
    }

    this.cameras.forEach((camera, row) => {
      const top = AXIS_HEIGHT + row * ROW_HEIGHT;
      g.fillStyle = '#1a2028';
      g.fillRect(0, top, width, ROW_HEIGHT - 3);
      const data = this.recordings.get(camera.id);
      if (!data) return;
      g.fillStyle = color('--ok', '#3fb950');
      for (const [start, end] of data.segments) g.fillRect(x(start), top, Math.max(1, x(end) - x(start)), ROW_HEIGHT - 3);
      g.fillStyle = color('--danger', '#f85149');
      for (const [start, end] of data.gaps) g.fillRect(x(start), top, Math.max(2, x(end) - x(start)), ROW_HEIGHT - 3);
      // Motion: a band along the bottom of the row, at least 2 px so a short passage shows on the 24 h view.
      g.fillStyle = color('--motion', '#74c0fc');
      for (const [start, end] of data.motion) g.fillRect(x(start), top + ROW_HEIGHT - 9, Math.max(2, x(end) - x(start)), 6);
    });
    this.canvas.dataset.motionRanges = String([...this.recordings.values()].reduce((n, d) => n + d.motion.length, 0));

    if (now >= this.viewStart && now < this.viewEnd) {
      g.fillStyle = color('--focus', '#f2cc60');
      g.fillRect(x(now) - 1, 0, 2, height);
    }
    this.rangeLabel.textContent = `${formatParis(this.viewStart, false, true)} — ${formatParis(this.viewEnd, false, true)}`;
  }
}
