// Vigie live player: plays a camera's live fMP4 WebSocket (GET /api/cameras/{id}/live) through Media
// Source Extensions, without transcoding. One player per wall tile. Message format: docs/live.md.
//
// What it does for the operator: starts on the server's cached keyframe and jumps to the newest frame
// (the GOP cache is up to a second old), stays at the live edge (a tab back from the background jumps
// to now instead of replaying), reports the camera's state to the
// tile overlay, and reconnects by itself when the camera or the network comes back.

const KIND_INIT = 1;
const KIND_FRAGMENT = 2;
const HEADER = 9;
const LIVE_EDGE_SECONDS = 0.4;   // behind the newest frame by more than this: jump forward
const LEAD_SECONDS = 0.12;       // where a jump lands: three frames before the newest, so playback does not starve
const CATCH_UP_SECONDS = 0.1;    // behind by more than this (but not enough to jump): play at CATCH_UP_RATE
const CATCH_UP_RATE = 1.1;       // gently back to the edge instead of drifting up to LIVE_EDGE_SECONDS behind
const KEEP_SECONDS = 20;         // buffered history kept behind the playhead
const STALL_MS = 3000;           // no fragment for this long: the picture is stale

export class LivePlayer {
  constructor(video, cameraId, onState) {
    this.video = video;
    this.cameraId = cameraId;
    this.onState = onState ?? (() => {});
    this.queue = [];
    this.timeline = [];          // [mediaSeconds, capturedUnixMs] of recent fragments
    this.latencies = [];         // presentation time - capture time, ms, most recent last
    this.firstFrameMs = null;    // from start() to the first presented frame
    this.closed = false;
    this.retryMs = 1000;
    this.lastFragmentAt = 0;
    this.state = 'connecting';
  }

  start() {
    this.closed = false;
    this.startedAt = performance.now();
    this.firstFrameMs = null;
    this.connect();
    this.stallTimer = setInterval(() => this.checkStall(), 1000);
    if ('requestVideoFrameCallback' in HTMLVideoElement.prototype) {
      const onFrame = (now, meta) => {
        if (this.closed) return;
        this.recordPresentation(meta);
        this.video.requestVideoFrameCallback(onFrame);
      };
      this.video.requestVideoFrameCallback(onFrame);
    }
  }

  stop() {
    this.closed = true;
    clearInterval(this.stallTimer);
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000, 'tile closed');
    this.teardownMedia();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/cameras/${this.cameraId}/live`);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') this.onControl(JSON.parse(event.data));
      else this.onBinary(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.closed) return;
      this.setState('unavailable');
      this.teardownMedia();
      // Capped backoff: a camera that is down is retried every few seconds, never in a tight loop.
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 8000);
    };
  }

  onControl(message) {
    if (message.type === 'state') {
      this.cameraState = message.state;
      this.setState(message.state === 'offline' ? 'unavailable' : message.state);
    } else if (message.type === 'init') {
      this.prepare(message);
    }
  }

  prepare(init) {
    const mime = `video/mp4; codecs="${init.codec}"`;
    if (!window.MediaSource || !MediaSource.isTypeSupported(mime)) {
      this.unsupported = init.codec;
      this.setState('unsupported');
      return;
    }
    this.unsupported = null;
    if (this.sourceBuffer) {
      // A new init on the same stream (resolution change): MSE accepts it in the same SourceBuffer.
      if (this.mime !== mime && this.sourceBuffer.changeType) this.sourceBuffer.changeType(mime);
      this.mime = mime;
      return;
    }
    this.mime = mime;
    this.mediaSource = new MediaSource();
    this.video.src = URL.createObjectURL(this.mediaSource);
    this.mediaSource.addEventListener('sourceopen', () => {
      this.sourceBuffer = this.mediaSource.addSourceBuffer(mime);
      this.sourceBuffer.mode = 'segments';
      this.sourceBuffer.addEventListener('updateend', () => this.afterAppend());
      this.pump();
    }, { once: true });
  }

  onBinary(data) {
    if (this.unsupported || data.byteLength <= HEADER) return;
    const view = new DataView(data);
    const kind = view.getUint8(0);
    const captured = Number(view.getBigInt64(1));
    const payload = new Uint8Array(data, HEADER);
    if (kind === KIND_FRAGMENT) {
      this.lastFragmentAt = performance.now();
      const decodeSeconds = tfdtSeconds(payload);
      if (captured > 0 && decodeSeconds !== null) {
        this.timeline.push([decodeSeconds, captured]);
        if (this.timeline.length > 600) this.timeline.splice(0, this.timeline.length - 600);
      }
      this.retryMs = 1000;
    }
    if (kind === KIND_INIT || kind === KIND_FRAGMENT) {
      this.queue.push(payload);
      this.pump();
    }
  }

  pump() {
    const buffer = this.sourceBuffer;
    if (!buffer || buffer.updating || this.queue.length === 0) return;
    try {
      buffer.appendBuffer(this.queue.shift());
    } catch (error) {
      // QuotaExceeded or a detached buffer: start again from the next keyframe on a fresh connection.
      console.warn('vigie live: append failed', error);
      this.restart();
    }
  }

  afterAppend() {
    const video = this.video;
    const ranges = video.buffered;
    if (ranges.length > 0) {
      const end = ranges.end(ranges.length - 1);
      const behind = end - video.currentTime;
      if (behind > LIVE_EDGE_SECONDS || video.currentTime < ranges.start(ranges.length - 1)) {
        video.currentTime = Math.max(ranges.start(ranges.length - 1), end - LEAD_SECONDS);
        video.playbackRate = 1;
      } else {
        video.playbackRate = behind > CATCH_UP_SECONDS ? CATCH_UP_RATE : 1;
      }
      if (video.paused) video.play().catch(() => {});
      const start = ranges.start(0);
      if (!this.sourceBuffer.updating && video.currentTime - start > KEEP_SECONDS * 1.5) {
        this.sourceBuffer.remove(start, video.currentTime - KEEP_SECONDS);
        return; // updateend follows the removal and pumps again
      }
    }
    this.pump();
  }

  recordPresentation(meta) {
    if (this.firstFrameMs === null) {
      this.firstFrameMs = performance.now() - this.startedAt;
      this.setState(this.cameraState === 'degraded' ? 'degraded' : 'streaming');
    }
    const captured = lookup(this.timeline, meta.mediaTime);
    if (captured !== null) {
      const presentedAt = performance.timeOrigin + meta.presentationTime;
      this.latencies.push(presentedAt - captured);
      if (this.latencies.length > 5000) this.latencies.shift();
    }
  }

  checkStall() {
    if (this.closed || this.state === 'unsupported') return;
    if (this.lastFragmentAt > 0 && performance.now() - this.lastFragmentAt > STALL_MS) {
      this.setState('unavailable');
    } else if (this.state === 'unavailable' && this.lastFragmentAt > 0 && this.cameraState !== 'offline') {
      this.setState(this.cameraState ?? 'streaming');
    }
  }

  restart() {
    this.teardownMedia();
    if (this.socket) this.socket.close(1000, 'restart');
  }

  teardownMedia() {
    this.queue = [];
    this.timeline = [];
    this.sourceBuffer = null;
    this.lastFragmentAt = 0;
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
    this.onState(state);
  }
}

// baseMediaDecodeTime of a moof, in seconds (the stream timescale is 90 kHz: see Mp4InitSegmentWriter).
function tfdtSeconds(bytes) {
  for (let i = 4; i + 16 <= bytes.length; i++) {
    if (bytes[i] === 0x74 && bytes[i + 1] === 0x66 && bytes[i + 2] === 0x64 && bytes[i + 3] === 0x74) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + i + 4);
      const version = view.getUint8(0);
      const ticks = version === 1 ? Number(view.getBigUint64(4)) : view.getUint32(4);
      return ticks / 90000;
    }
  }
  return null;
}

function lookup(timeline, mediaSeconds) {
  for (let i = timeline.length - 1; i >= 0; i--) {
    if (Math.abs(timeline[i][0] - mediaSeconds) < 0.002) return timeline[i][1];
  }
  return null;
}

// Blazor interop: one player per tile element, state changes reported to the component.
const players = new Map();

export function play(tileId, video, cameraId, component) {
  stopTile(tileId);
  const player = new LivePlayer(video, cameraId, (state) => component.invokeMethodAsync('OnLiveState', tileId, state));
  players.set(tileId, player);
  player.start();
}

export function stopTile(tileId) {
  const player = players.get(tileId);
  if (player) {
    player.stop();
    players.delete(tileId);
  }
}

export function fullscreen(element) {
  if (document.fullscreenElement) document.exitFullscreen();
  else element.requestFullscreen?.();
}

// Figures for tests and benchmarks: per tile, the video clock, the first-frame time and latencies.
export function stats() {
  const result = {};
  for (const [tile, player] of players) {
    result[tile] = {
      camera: player.cameraId,
      state: player.state,
      currentTime: player.video.currentTime,
      firstFrameMs: player.firstFrameMs,
      latencies: player.latencies.slice(),
    };
  }
  return result;
}

// Starts a measurement window: forget the latencies collected so far.
export function resetLatencies() {
  for (const player of players.values()) player.latencies = [];
}

window.vigieLive = { stats, resetLatencies };
