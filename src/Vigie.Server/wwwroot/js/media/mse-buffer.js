// One <video> fed through Media Source Extensions: the MediaSource and its SourceBuffer, the queue of
// operations a SourceBuffer needs (it takes one append or remove at a time, the next after `updateend`),
// what is buffered, and the trimming that keeps memory bounded. The live wall and the playback page both
// play through it; each decides what to append and when to trim.

// The MSE type of an fMP4 stream whose init message names `codec` (e.g. avc1.64001f).
export function mimeOf(codec) {
  return `video/mp4; codecs="${codec}"`;
}

export function isPlayable(codec) {
  return Boolean(window.MediaSource) && MediaSource.isTypeSupported(mimeOf(codec));
}

export class MseBuffer {
  // onUpdated(): after each append or removal completes, before the next operation starts.
  // onError(error): an operation was refused (quota, detached buffer); the queue is dropped.
  constructor(video, { onUpdated, onError } = {}) {
    this.video = video;
    this.onUpdated = onUpdated ?? (() => {});
    this.onError = onError ?? (() => {});
    this.ops = [];
    this.mediaSource = null;
    this.sourceBuffer = null;
    this.mime = null;
  }

  get ready() {
    return this.sourceBuffer !== null;
  }

  // Opens the MediaSource for `codec`, or switches the open one to it (a new init segment: MSE takes it
  // in the same SourceBuffer). False when this browser cannot play the codec (H.265 in Chromium on Linux).
  prepare(codec) {
    if (!isPlayable(codec)) return false;
    const mime = mimeOf(codec);
    if (this.mediaSource) {
      if (this.mime !== mime && this.sourceBuffer?.changeType) this.sourceBuffer.changeType(mime);
      this.mime = mime;
      return true;
    }
    this.mime = mime;
    const mediaSource = new MediaSource();
    this.mediaSource = mediaSource;
    this.video.src = URL.createObjectURL(mediaSource);
    mediaSource.addEventListener('sourceopen', () => {
      if (this.mediaSource !== mediaSource) return;
      this.sourceBuffer = mediaSource.addSourceBuffer(this.mime);
      this.sourceBuffer.mode = 'segments';
      this.sourceBuffer.addEventListener('updateend', () => {
        this.onUpdated();
        this.pump();
      });
      this.pump();
    }, { once: true });
    return true;
  }

  append(bytes) {
    this.ops.push({ append: bytes });
    this.pump();
  }

  // Drops what is queued and everything buffered (a seek elsewhere).
  clear() {
    this.ops = [];
    const buffer = this.sourceBuffer;
    if (!buffer) return;
    if (buffer.updating) buffer.abort();
    this.ops.push({ removeAll: true });
    this.pump();
  }

  // Removes what lies more than `keepSeconds` behind `seconds`, once more than `slackSeconds` extra has
  // piled up (so removals come in chunks, not after every frame). Runs before the queued appends.
  trimBehind(seconds, keepSeconds, slackSeconds) {
    const buffer = this.sourceBuffer;
    if (!buffer || buffer.updating || this.ops.some((op) => op.remove || op.removeAll)) return;
    const ranges = buffer.buffered;
    if (ranges.length === 0) return;
    const cut = seconds - keepSeconds;
    if (ranges.start(0) < cut - slackSeconds) {
      this.ops.unshift({ remove: [ranges.start(0), cut] });
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

  // Detaches the MediaSource from the video: nothing buffered, nothing queued.
  teardown() {
    this.ops = [];
    this.sourceBuffer = null;
    this.mime = null;
    if (this.mediaSource) {
      URL.revokeObjectURL(this.video.src);
      this.video.removeAttribute('src');
      this.video.load();
      this.mediaSource = null;
    }
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
        if (op.remove[1] > op.remove[0]) buffer.remove(op.remove[0], op.remove[1]);
        else this.pump();
      }
    } catch (error) {
      this.ops = [];
      this.onError(error);
    }
  }
}
