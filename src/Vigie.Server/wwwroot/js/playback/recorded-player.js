// One camera of the playback page: a playback socket (GET /api/cameras/{id}/playback, docs/live.md)
// feeding one <video> through the shared MSE buffer.
//
// States: loading (waiting for the server's answer or the first fragment), ready (pictures arrive),
// none (nothing recorded at or after the instant: `range` says what there is), empty (the camera has
// no recording at all), error (the connection was lost or refused: retried by itself), denied (signed
// out, or the camera is no longer visible to this person), unsupported (codec).

import { firstSampleDuration, KIND_FRAGMENT, KIND_INIT, readMessage } from '../media/fmp4.js';
import { MseBuffer } from '../media/mse-buffer.js';
import { toMedia } from './media-time.js';

const KEEP_BEHIND_SECONDS = 60; // buffered history kept behind the playhead (frame steps backwards, small rewinds)
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 8000;
const RANGE_SLACK_MS = 2000;    // the newest recorded instant moves on while the camera records

export class RecordedPlayer {
  // hooks: { changed() — the state or a message changed; answered(player) — the server said where the
  // asked instant plays from (or that nothing does); resumeAt() — the instant to reconnect at }
  constructor(video, camera, hooks) {
    this.video = video;
    this.camera = camera;
    this.hooks = hooks;
    this.media = new MseBuffer(video, { onError: (error) => console.warn('vigie playback: buffer operation failed', error) });
    this.seq = 0;
    this.awaited = 0;
    this.accepting = false;
    this.state = 'loading';
    this.frameMs = 40;
    this.sentWant = 0;
    this.retryMs = RETRY_FIRST_MS;
  }

  open(atMs) {
    this.close();
    this.closed = false;
    this.seq = 0;
    this.awaited = 0;
    this.forget(atMs);
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
      this.socket = null;
      if (this.opened) {
        this.lost();
      } else {
        // Refused before opening: most often nothing recorded at or after the instant (404). The
        // recorded range tells that apart from a right withdrawn or a server out of reach.
        this.explainNothing(atMs);
      }
    };
  }

  close() {
    this.closed = true;
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000, 'playback closed');
    this.socket = null;
    this.media.teardown();
  }

  // Plays from atMs: locally when it is buffered, else the server seeks (to the keyframe before it).
  seek(atMs) {
    if (this.state !== 'error' && this.isBuffered(toMedia(atMs))) {
      this.video.currentTime = toMedia(atMs);
      this.askedAt = atMs;
      this.startAt = atMs;
      this.answer = 'seeked';
      this.hooks.answered(this);
      return;
    }
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
      this.open(atMs);
      return;
    }
    this.seq += 1;
    this.awaited = this.seq;
    this.forget(atMs);
    this.media.clear();
    this.socket.send(JSON.stringify({ type: 'seek', at: new Date(atMs).toISOString(), seq: this.seq }));
    this.sentWant = 0;
  }

  // Reconnects now, at the instant on screen (the "retry now" button, or the retry timer).
  retry() {
    clearTimeout(this.retryTimer);
    this.open(this.hooks.resumeAt());
  }

  want(untilMs) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN || !this.accepting) return;
    if (Math.abs(untilMs - this.sentWant) < 1000) return;
    this.sentWant = untilMs;
    this.socket.send(JSON.stringify({ type: 'want', until: new Date(untilMs).toISOString() }));
  }

  // A new instant asked: what was known of the previous one no longer holds.
  forget(atMs) {
    this.accepting = false;
    this.askedAt = atMs;
    this.startAt = null;
    this.nextAt = null;
    this.endAt = null;
    this.range = null;
    this.answer = null;
    this.setState('loading');
  }

  onControl(message) {
    switch (message.type) {
      case 'seeked':
        if (message.seq === this.awaited) {
          this.accepting = true;
          this.askedAt = Date.parse(message.at);
          this.startAt = Date.parse(message.start);
          this.answer = 'seeked';
          this.hooks.answered(this);
        }
        break;
      case 'init':
        if (this.accepting && !this.media.prepare(message.codec)) this.setState('unsupported');
        break;
      case 'next':
        if (this.accepting) this.nextAt = Date.parse(message.at);
        break;
      case 'end':
        if (this.accepting) this.endAt = Date.parse(message.at);
        break;
      case 'error':
        if (message.seq === this.awaited) {
          this.accepting = false;
          if (message.code === 'playback.no_recording') this.explainNothing(this.askedAt);
        }
        break;
    }
  }

  onBinary(data) {
    const message = readMessage(data);
    if (!this.accepting || this.state === 'unsupported' || !message) return;
    const { kind, payload } = message;
    if (kind === KIND_FRAGMENT) {
      const step = firstSampleDuration(payload);
      if (step) this.frameMs = step / 90;
      this.retryMs = RETRY_FIRST_MS;
      if (this.state === 'loading') this.setState('ready');
    }
    if (kind === KIND_INIT || kind === KIND_FRAGMENT) this.media.append(payload);
  }

  // Nothing plays from atMs: asks the recorded range why, and what there is instead.
  async explainNothing(atMs) {
    // A camera masked by the server is not played back to whoever has not lifted its masks (403 playback.masked).
    const masks = await fetch(`/api/cameras/${this.camera.id}/masks`, { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : null)).catch(() => null);
    if (this.closed || this.askedAt !== atMs) return;
    if (masks?.serverSide && !masks.lift) {
      this.denial = 'masked';
      this.setState('denied');
      this.answer = 'failed';
      this.hooks.answered(this);
      return;
    }
    let response;
    try {
      response = await fetch(`/api/cameras/${this.camera.id}/recordings/range`, { credentials: 'same-origin' });
    } catch (error) {
      console.warn('vigie playback: recorded range of', this.camera.name, error);
      this.lost();
      return;
    }
    if (this.closed || this.askedAt !== atMs) return; // asked elsewhere meanwhile
    if (response.status === 401 || response.status === 403 || response.status === 404) {
      this.denial = response.status === 401 ? 'signedOut' : 'forbidden';
      this.setState('denied');
      this.answer = 'failed';
      this.hooks.answered(this);
      return;
    }
    if (!response.ok) {
      this.lost();
      return;
    }
    const range = await response.json();
    this.range = { first: range.first ? Date.parse(range.first) : null, last: range.last ? Date.parse(range.last) : null };
    if (this.range.last !== null && this.range.last > atMs + RANGE_SLACK_MS) {
      // There is something after the instant: the refusal was the connection's, not the recordings'.
      this.lost();
      return;
    }
    this.answer = 'nothing';
    this.setState(this.range.first === null ? 'empty' : 'none');
    this.hooks.answered(this);
  }

  // The connection broke (or the server is out of reach): says so and tries again, 1 s then doubling to 8 s.
  lost() {
    this.media.teardown();
    this.accepting = false;
    this.answer = 'failed';
    this.retryTimer = setTimeout(() => this.retry(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.setState('error');
    this.hooks.answered(this);
  }

  // Keeps memory bounded: history more than a minute behind the playhead goes.
  trim() {
    if (this.media.ops.length > 0) return;
    this.media.trimBehind(this.video.currentTime, KEEP_BEHIND_SECONDS, 10);
  }

  get hasMedia() {
    return this.media.ready;
  }

  // Whether this camera has something to play from the instant asked (so the clock should wait for it).
  get playable() {
    return this.state === 'loading' || this.state === 'ready';
  }

  isBuffered(seconds) {
    return this.media.isBuffered(seconds);
  }

  // The start of the first buffered range after `seconds`, or null.
  nextBuffered(seconds) {
    return this.media.nextBuffered(seconds);
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.hooks.changed();
  }
}
