// Vigie playback ("Relecture"): up to four cameras' recordings in sync, a zoomable 24-hour timeline of
// what was recorded, pause, ×1/×2/×4/×8 and frame steps. Each camera plays the playback WebSocket
// (GET /api/cameras/{id}/playback, message format in docs/live.md) through Media Source Extensions; the
// server puts every fragment at its recorded instant on one timeline (seconds since 2020-01-01 UTC), so a
// video's currentTime IS the recorded instant and one clock drives all four players.

const EPOCH_MS = Date.UTC(2020, 0, 1);
const KIND_INIT = 1;
const KIND_FRAGMENT = 2;
const HEADER = 9;
const SPEEDS = [1, 2, 4, 8];
const ZOOMS = [24 * 3600e3, 6 * 3600e3, 3600e3, 15 * 60e3, 5 * 60e3];
const TICK_MS = 200;
const DRIFT_SECONDS = 0.3;     // a video further than this (× speed) from the clock is moved to it
const KEEP_BEHIND_SECONDS = 60; // buffered history kept behind the playhead (frame steps backwards, small rewinds)
const ROW_HEIGHT = 18;
const AXIS_HEIGHT = 20;

const toMedia = (ms) => (ms - EPOCH_MS) / 1000;
const toWall = (seconds) => EPOCH_MS + seconds * 1000;

// One camera: a playback socket feeding one <video>.
class RecordedPlayer {
  constructor(video, camera, onChange) {
    this.video = video;
    this.camera = camera;
    this.onChange = onChange;
    this.ops = [];
    this.seq = 0;
    this.awaited = 0;
    this.accepting = false;
    this.state = 'loading';   // loading | ready | none | ended | unsupported | error
    this.frameMs = 40;
    this.sentWant = 0;
  }

  open(atMs) {
    this.close();
    this.closed = false;
    this.seq = 0;
    this.awaited = 0;
    this.accepting = false;
    this.endAt = null;
    this.setState('loading');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const at = new Date(atMs).toISOString();
    const socket = new WebSocket(`${scheme}//${location.host}/api/cameras/${this.camera.id}/playback?at=${encodeURIComponent(at)}`);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.opened = false;
    socket.onopen = () => { this.opened = true; };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') this.onControl(JSON.parse(event.data));
      else this.onBinary(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.closed) return;
      // Refused before opening: nothing recorded at or after the instant (404) or no right to see it.
      this.setState(this.opened ? 'error' : 'none');
    };
  }

  close() {
    this.closed = true;
    if (this.socket) this.socket.close(1000, 'playback closed');
    this.socket = null;
    this.teardown();
  }

  // Plays from atMs: locally when it is buffered, else the server seeks (to the keyframe before it).
  seek(atMs) {
    if (this.isBuffered(toMedia(atMs))) {
      this.video.currentTime = toMedia(atMs);
      return;
    }
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      this.open(atMs);
      return;
    }
    this.seq += 1;
    this.awaited = this.seq;
    this.accepting = false;
    this.endAt = null;
    this.flush();
    this.setState('loading');
    this.socket.send(JSON.stringify({ type: 'seek', at: new Date(atMs).toISOString(), seq: this.seq }));
    this.sentWant = 0;
  }

  want(untilMs) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN || !this.accepting) return;
    if (Math.abs(untilMs - this.sentWant) < 1000) return;
    this.sentWant = untilMs;
    this.socket.send(JSON.stringify({ type: 'want', until: new Date(untilMs).toISOString() }));
  }

  onControl(message) {
    switch (message.type) {
      case 'seeked':
        if (message.seq === this.awaited) {
          this.accepting = true;
          this.startAt = Date.parse(message.start);
        }
        break;
      case 'init':
        if (this.accepting) this.prepare(message);
        break;
      case 'end':
        if (this.accepting) this.endAt = Date.parse(message.at);
        break;
      case 'error':
        if (message.seq === this.awaited) {
          this.accepting = false;
          this.setState('none');
        }
        break;
    }
  }

  prepare(init) {
    const mime = `video/mp4; codecs="${init.codec}"`;
    if (!window.MediaSource || !MediaSource.isTypeSupported(mime)) {
      this.setState('unsupported');
      return;
    }
    if (this.mediaSource) {
      if (this.mime !== mime && this.sourceBuffer?.changeType) this.sourceBuffer.changeType(mime);
      this.mime = mime;
      return;
    }
    this.mime = mime;
    this.mediaSource = new MediaSource();
    this.video.src = URL.createObjectURL(this.mediaSource);
    this.mediaSource.addEventListener('sourceopen', () => {
      this.sourceBuffer = this.mediaSource.addSourceBuffer(mime);
      this.sourceBuffer.mode = 'segments';
      this.sourceBuffer.addEventListener('updateend', () => this.pump());
      this.pump();
    }, { once: true });
  }

  onBinary(data) {
    if (!this.accepting || this.state === 'unsupported' || data.byteLength <= HEADER) return;
    const kind = new DataView(data).getUint8(0);
    const payload = new Uint8Array(data, HEADER);
    if (kind === KIND_FRAGMENT) {
      const step = firstSampleDuration(payload);
      if (step) this.frameMs = step / 90;
      if (this.state === 'loading') this.setState('ready');
    }
    if (kind === KIND_INIT || kind === KIND_FRAGMENT) {
      this.ops.push({ append: payload });
      this.pump();
    }
  }

  // Drops what is buffered and queued (a seek elsewhere): the server sends a new init first.
  flush() {
    this.ops = [];
    const buffer = this.sourceBuffer;
    if (!buffer) return;
    if (buffer.updating) buffer.abort();
    this.ops.push({ removeAll: true });
    this.pump();
  }

  pump() {
    const buffer = this.sourceBuffer;
    if (!buffer || buffer.updating || this.ops.length === 0) return;
    const op = this.ops.shift();
    try {
      if (op.append) {
        buffer.appendBuffer(op.append);
      } else if (op.removeAll) {
        const ranges = buffer.buffered;
        if (ranges.length > 0) buffer.remove(0, ranges.end(ranges.length - 1) + 1);
        else this.pump();
      } else if (op.remove) {
        buffer.remove(op.remove[0], op.remove[1]);
      }
    } catch (error) {
      console.warn('vigie playback: buffer operation failed', error);
      this.ops = [];
    }
  }

  // Keeps memory bounded: history more than a minute behind the playhead goes.
  trim() {
    const buffer = this.sourceBuffer;
    if (!buffer || buffer.updating || this.ops.length > 0) return;
    const ranges = buffer.buffered;
    if (ranges.length === 0) return;
    const cut = this.video.currentTime - KEEP_BEHIND_SECONDS;
    if (ranges.start(0) < cut - 10) {
      this.ops.push({ remove: [0, cut] });
      this.pump();
    }
  }

  isBuffered(seconds) {
    const ranges = this.sourceBuffer?.buffered;
    if (!ranges) return false;
    for (let i = 0; i < ranges.length; i++) {
      if (seconds >= ranges.start(i) && seconds < ranges.end(i) - 0.01) return true;
    }
    return false;
  }

  // The start of the first buffered range after `seconds`, or null.
  nextBuffered(seconds) {
    const ranges = this.sourceBuffer?.buffered;
    if (!ranges) return null;
    for (let i = 0; i < ranges.length; i++) {
      if (ranges.start(i) > seconds) return ranges.start(i);
    }
    return null;
  }

  teardown() {
    this.ops = [];
    this.sourceBuffer = null;
    if (this.mediaSource) {
      URL.revokeObjectURL(this.video.src);
      this.video.removeAttribute('src');
      this.video.load();
      this.mediaSource = null;
    }
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.onChange();
  }
}

// The page: the players, one clock, the controls and the timeline.
class PlaybackSession {
  constructor(root, options) {
    this.root = root;
    this.labels = options.labels;
    this.cameras = options.cameras;
    this.playing = true;
    this.rate = 1;
    this.anchorWall = options.at;
    this.anchorPerf = performance.now();
    this.zoom = 0;
    this.recordings = new Map();
    this.build();
    this.players = this.cameras.map((camera, i) => new RecordedPlayer(this.videos[i], camera, () => this.render()));
    this.viewAround(options.at);
    this.players.forEach((player) => player.open(options.at));
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.refreshTimer = setInterval(() => this.loadRecordings(), 30000);
    this.render();
  }

  dispose() {
    clearInterval(this.timer);
    clearInterval(this.refreshTimer);
    this.players.forEach((player) => player.close());
    this.root.replaceChildren();
  }

  now() {
    return this.playing ? this.anchorWall + (performance.now() - this.anchorPerf) * this.rate : this.anchorWall;
  }

  setClock(wallMs) {
    this.anchorWall = wallMs;
    this.anchorPerf = performance.now();
  }

  seekTo(wallMs) {
    this.setClock(wallMs);
    this.players.forEach((player) => player.seek(wallMs));
    if (wallMs < this.viewStart || wallMs >= this.viewEnd) this.viewAround(wallMs);
    this.tick();
  }

  togglePlay() {
    this.setClock(this.now());
    this.playing = !this.playing;
    this.tick();
  }

  setRate(rate) {
    this.setClock(this.now());
    this.rate = rate;
    this.tick();
  }

  step(frames) {
    const frameMs = Math.min(...this.players.map((player) => player.frameMs));
    this.setClock(this.now());
    this.playing = false;
    this.seekTo(this.anchorWall + frames * frameMs);
  }

  tick() {
    let now = this.now();
    const media = toMedia(now);
    const loading = this.players.some((player) => player.state === 'loading');
    // In a gap of every camera, play on from the next recorded instant instead of waiting through it.
    if (this.playing && !loading && this.players.every((player) => !player.isBuffered(media))) {
      const next = this.players.map((player) => player.nextBuffered(media)).filter((s) => s !== null);
      if (next.length > 0) {
        now = toWall(Math.min(...next));
        this.setClock(now);
      } else if (this.players.every((player) => player.endAt !== null && player.endAt !== undefined && now >= player.endAt)) {
        this.playing = false; // the end of the recordings
        this.setClock(Math.min(now, Math.max(...this.players.map((player) => player.endAt))));
        now = this.anchorWall;
      }
    }
    const target = toMedia(now);
    for (const player of this.players) {
      const video = player.video;
      const until = now + (15 + 10 * this.rate) * 1000;
      player.want(until);
      player.trim();
      if (!player.isBuffered(target)) {
        if (!video.paused) video.pause();
        continue;
      }
      video.playbackRate = this.rate;
      if (Math.abs(video.currentTime - target) > DRIFT_SECONDS * Math.max(1, this.rate) || (!this.playing && video.currentTime !== target)) {
        video.currentTime = target;
      }
      if (this.playing && video.paused) video.play().catch(() => {});
      if (!this.playing && !video.paused) video.pause();
    }
    this.renderClock(now);
  }

  // ---- view ----

  build() {
    const L = this.labels;
    this.root.innerHTML = '';
    const grid = el('div', `playback-grid size-${this.cameras.length > 1 ? 2 : 1}`);
    this.videos = [];
    this.tileTimes = [];
    this.tileStates = [];
    for (const camera of this.cameras) {
      const tile = el('div', 'playback-tile');
      tile.dataset.camera = camera.id;
      const video = el('video');
      video.muted = true;
      video.playsInline = true;
      const overlay = el('div', 'tile-overlay');
      overlay.append(el('span', 'tile-name', camera.name));
      const time = el('span', 'tile-recorded');
      const state = el('span', 'tile-state');
      overlay.append(time, state);
      tile.append(video, overlay);
      grid.append(tile);
      this.videos.push(video);
      this.tileTimes.push(time);
      this.tileStates.push(state);
    }

    const bar = el('div', 'playback-controls');
    const back = button('|◀', L.stepBack, () => this.step(-1));
    this.playButton = button('❚❚', L.pause, () => this.togglePlay());
    const forward = button('▶|', L.stepForward, () => this.step(1));
    bar.append(back, this.playButton, forward);
    const speeds = el('span', 'playback-speeds');
    speeds.setAttribute('role', 'group');
    speeds.setAttribute('aria-label', L.speed);
    this.speedButtons = SPEEDS.map((speed) => {
      const b = button(`×${speed}`, `${L.speed} ×${speed}`, () => this.setRate(speed));
      b.dataset.speed = speed;
      speeds.append(b);
      return b;
    });
    bar.append(speeds);
    this.clockLabel = el('output', 'playback-clock');
    this.clockLabel.setAttribute('aria-live', 'off');
    bar.append(this.clockLabel);

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
      this.seekTo(Math.round(this.viewStart + fraction * (this.viewEnd - this.viewStart)));
    });
    this.canvas.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowLeft') this.seekTo(this.now() - (this.viewEnd - this.viewStart) / 48);
      if (event.key === 'ArrowRight') this.seekTo(this.now() + (this.viewEnd - this.viewStart) / 48);
    });
    this.canvas.addEventListener('wheel', (event) => {
      event.preventDefault();
      this.setZoom(this.zoom + (event.deltaY < 0 ? 1 : -1));
    }, { passive: false });
    this.legend = el('p', 'timeline-legend');
    this.legend.innerHTML = `<span class="pb-legend recorded"></span> ${escape(L.recorded)} <span class="pb-legend gap"></span> ${escape(L.gap)} <span class="pb-legend none"></span> ${escape(L.nothing)}`;
    timeline.append(nav, this.canvas, this.legend);
    this.root.append(grid, bar, timeline);
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
        });
      } catch (error) {
        console.warn('vigie playback: recordings of', camera.name, error);
      }
    }));
    this.drawTimeline(this.now());
  }

  render() {
    this.players?.forEach((player, i) => {
      const state = this.tileStates[i];
      state.textContent = this.labels.states[player.state] ?? '';
      state.className = `tile-state state-${player.state}`;
    });
  }

  renderClock(now) {
    const L = this.labels;
    this.playButton.textContent = this.playing ? '❚❚' : '▶';
    this.playButton.title = this.playing ? L.pause : L.play;
    this.playButton.setAttribute('aria-label', this.playButton.title);
    this.speedButtons.forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.speed) === this.rate)));
    this.clockLabel.textContent = `${L.recordedAt} ${formatParis(now, true)} (${L.parisTime})`;
    this.clockLabel.dataset.wallMs = String(Math.round(now));
    this.players.forEach((player, i) => {
      const shown = player.sourceBuffer && player.isBuffered(player.video.currentTime) ? toWall(player.video.currentTime) : null;
      this.tileTimes[i].textContent = shown === null ? '' : formatParis(shown, true);
      this.tileTimes[i].dataset.wallMs = shown === null ? '' : String(Math.round(shown));
    });
    this.drawTimeline(now);
  }

  drawTimeline(now) {
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
    });

    if (now >= this.viewStart && now < this.viewEnd) {
      g.fillStyle = color('--focus', '#f2cc60');
      g.fillRect(x(now) - 1, 0, 2, height);
    }
    this.rangeLabel.textContent = `${formatParis(this.viewStart, false, true)} — ${formatParis(this.viewEnd, false, true)}`;
  }

  state() {
    return {
      clockMs: this.now(),
      playing: this.playing,
      rate: this.rate,
      viewStart: this.viewStart,
      viewEnd: this.viewEnd,
      players: this.players.map((player) => ({
        camera: player.camera.id,
        state: player.state,
        currentWallMs: player.sourceBuffer ? toWall(player.video.currentTime) : null,
        shown: player.sourceBuffer ? player.isBuffered(player.video.currentTime) : false,
        readyState: player.video.readyState,
        frameMs: player.frameMs,
      })),
    };
  }
}

// The duration of a fragment's first sample (trun with per-sample durations, as recordings write it), 90 kHz.
function firstSampleDuration(bytes) {
  for (let i = 4; i + 24 <= bytes.length && i < 512; i++) {
    if (bytes[i] === 0x74 && bytes[i + 1] === 0x72 && bytes[i + 2] === 0x75 && bytes[i + 3] === 0x6e) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + i + 4);
      const flags = view.getUint32(0) & 0xffffff;
      if ((flags & 0x100) === 0) return null;
      let at = 8 + ((flags & 0x1) ? 4 : 0) + ((flags & 0x4) ? 4 : 0);
      return view.getUint32(at);
    }
  }
  return null;
}

const parisParts = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function partsOf(ms) {
  const parts = {};
  for (const part of parisParts.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return parts;
}

function formatParis(ms, withSeconds, withDate) {
  const p = partsOf(ms);
  if (withSeconds) {
    const millis = String(Math.floor(((ms % 1000) + 1000) % 1000)).padStart(3, '0');
    return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}.${millis}`;
  }
  return withDate ? `${p.day}/${p.month} ${p.hour}:${p.minute}` : `${p.hour}:${p.minute}`;
}

// Midnight in Paris of the day containing ms (23- and 25-hour days included).
function parisMidnight(ms) {
  const p = partsOf(ms);
  const guess = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  for (const offsetHours of [-1, -2, 0]) {
    const candidate = guess + offsetHours * 3600e3;
    const q = partsOf(candidate);
    if (q.hour === '00' && q.minute === '00' && q.day === p.day) return candidate;
  }
  return guess - 3600e3;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(text, label, onClick) {
  const b = el('button', null, text);
  b.type = 'button';
  b.title = label;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

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
