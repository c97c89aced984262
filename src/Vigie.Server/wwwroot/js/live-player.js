// Vigie live player: plays a camera's live fMP4 WebSocket (GET /api/cameras/{id}/live) through Media
// Source Extensions, without transcoding. One player per wall tile. Message format: docs/live.md.
//
// What it does for the operator: starts on the server's cached keyframe and jumps to the newest frame
// (the GOP cache is up to a second old), stays at the live edge (a tab back from the background jumps
// to now instead of replaying), reports the camera's state to the
// tile overlay, and reconnects by itself when the camera or the network comes back. The MSE plumbing
// (SourceBuffer queue, trimming) is media/mse-buffer.js, shared with the playback page.

import { KIND_FRAGMENT, KIND_INIT, readMessage, tfdtSeconds } from './media/fmp4.js';
import { MseBuffer } from './media/mse-buffer.js';
import { attachMasks } from './masks/overlay.js';

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
    this.media = new MseBuffer(video, {
      onUpdated: () => this.afterAppend(),
      // QuotaExceeded or a detached buffer: start again from the next keyframe on a fresh connection.
      onError: (error) => {
        console.warn('vigie live: append failed', error);
        this.restart();
      },
    });
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

  // A new init on the same stream (resolution change) goes into the same SourceBuffer.
  prepare(init) {
    if (!this.media.prepare(init.codec)) {
      this.unsupported = init.codec;
      this.setState('unsupported');
      return;
    }
    this.unsupported = null;
  }

  onBinary(data) {
    const message = readMessage(data);
    if (this.unsupported || !message) return;
    const { kind, timeMs: captured, payload } = message;
    if (kind === KIND_FRAGMENT) {
      this.lastFragmentAt = performance.now();
      const decodeSeconds = tfdtSeconds(payload);
      if (captured > 0 && decodeSeconds !== null) {
        this.timeline.push([decodeSeconds, captured]);
        if (this.timeline.length > 600) this.timeline.splice(0, this.timeline.length - 600);
      }
      this.retryMs = 1000;
    }
    if (kind === KIND_INIT || kind === KIND_FRAGMENT) this.media.append(payload);
  }

  // After each append: stay at the live edge, keep playing, and let old history go.
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
      this.media.trimBehind(video.currentTime, KEEP_SECONDS, KEEP_SECONDS * 0.5);
    }
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
    this.media.teardown();
    this.timeline = [];
    this.lastFragmentAt = 0;
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.onState(state);
  }
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
  players.set(tileId, { player, masks: attachMasks(video, cameraId) });
  player.start();
}

export function stopTile(tileId) {
  const tile = players.get(tileId);
  if (tile) {
    tile.player.stop();
    tile.masks.dispose();
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
  for (const [tile, { player }] of players) {
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
  for (const { player } of players.values()) player.latencies = [];
}

window.vigieLive = { stats, resetLatencies };
