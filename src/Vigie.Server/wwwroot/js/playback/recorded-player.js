// One camera of the playback page: a playback socket (GET /api/cameras/{id}/playback, docs/live.md)
// feeding one <video> through the shared MSE buffer.

import { firstSampleDuration, KIND_FRAGMENT, KIND_INIT, readMessage } from '../media/fmp4.js';
import { MseBuffer } from '../media/mse-buffer.js';
import { toMedia } from './media-time.js';

const KEEP_BEHIND_SECONDS = 60; // buffered history kept behind the playhead (frame steps backwards, small rewinds)

export class RecordedPlayer {
  constructor(video, camera, onChange) {
    this.video = video;
    this.camera = camera;
    this.onChange = onChange;
    this.media = new MseBuffer(video, { onError: (error) => console.warn('vigie playback: buffer operation failed', error) });
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
    this.media.teardown();
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
    this.media.clear();
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
        if (this.accepting && !this.media.prepare(message.codec)) this.setState('unsupported');
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

  onBinary(data) {
    const message = readMessage(data);
    if (!this.accepting || this.state === 'unsupported' || !message) return;
    const { kind, payload } = message;
    if (kind === KIND_FRAGMENT) {
      const step = firstSampleDuration(payload);
      if (step) this.frameMs = step / 90;
      if (this.state === 'loading') this.setState('ready');
    }
    if (kind === KIND_INIT || kind === KIND_FRAGMENT) this.media.append(payload);
  }

  // Keeps memory bounded: history more than a minute behind the playhead goes.
  trim() {
    if (this.media.ops.length > 0) return;
    this.media.trimBehind(this.video.currentTime, KEEP_BEHIND_SECONDS, 10);
  }

  get hasMedia() {
    return this.media.ready;
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
    this.onChange();
  }
}
