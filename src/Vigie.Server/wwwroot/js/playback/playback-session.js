// The playback page's session: up to four RecordedPlayers driven by one clock (pause, speeds, frame
// steps, seeks), with their tiles, the control bar and the timeline. Every video's currentTime is the
// recorded instant (media-time.js), so holding each video near the clock keeps the cameras in sync.
//
// Nothing recorded where the operator asked is said plainly, never left as an endless "loading": when
// every camera's recordings start later, the clock moves to the first of them and the page says so;
// a camera with nothing after the instant says what it has and offers to play its last recording.

import { Controls } from './controls.js';
import { el, format } from './dom.js';
import { toMedia, toWall } from './media-time.js';
import { formatMoment } from './paris-time.js';
import { RecordedPlayer } from './recorded-player.js';
import { buildGrid } from './tiles.js';
import { Timeline } from './timeline.js';

const TICK_MS = 200;
const DRIFT_SECONDS = 0.3;      // a video further than this (× speed) from the clock is moved to it
const LATER_MS = 1000;          // a recording starting this much after the instant asked is "later", and said
const LAST_MINUTE_MS = 60e3;    // what the "play from" offer replays of a camera's last recording

export class PlaybackSession {
  constructor(root, options) {
    this.root = root;
    this.labels = options.labels;
    this.cameras = options.cameras;
    this.playing = true;
    this.rate = 1;
    this.anchorWall = options.at;
    this.anchorPerf = performance.now();
    this.askedAt = options.at;
    this.held = false;              // the clock waits: no camera has anything to play from it
    this.build();
    this.players = this.cameras.map((camera, i) => new RecordedPlayer(this.tiles[i].video, camera, {
      changed: () => this.render(),
      answered: () => this.onAnswer(),
      resumeAt: () => this.now(),
    }));
    this.timeline.viewAround(options.at);
    this.awaitingAnswers = true;
    this.players.forEach((player) => player.open(options.at));
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.refreshTimer = setInterval(() => this.timeline.loadRecordings(), 30000);
    this.render();
  }

  build() {
    this.root.innerHTML = '';
    this.notice = el('p', 'playback-notice notice');
    this.notice.setAttribute('role', 'status');
    this.notice.hidden = true;
    const { grid, tiles } = buildGrid(this.cameras);
    this.tiles = tiles;
    this.controls = new Controls(this.labels, {
      step: (frames) => this.step(frames),
      togglePlay: () => this.togglePlay(),
      setRate: (rate) => this.setRate(rate),
    });
    this.timeline = new Timeline(this.root, this.cameras, this.labels, { now: () => this.now(), seek: (ms) => this.seekTo(ms) });
    this.root.append(this.notice, grid, this.controls.element, this.timeline.element);
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
    this.askedAt = wallMs;
    this.awaitingAnswers = true;
    this.say(null);
    // Answers are about this instant only: none is counted before every player has been asked.
    this.players.forEach((player) => { player.answer = null; });
    this.players.forEach((player) => player.seek(wallMs));
    this.timeline.show(wallMs);
    this.tick();
  }

  // Plays from an instant a message offered (a camera's last recording).
  playFrom(wallMs) {
    this.setClock(this.now());
    this.playing = true;
    this.seekTo(wallMs);
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

  // Once every camera has said where the instant asked plays from: when none has anything at that
  // instant but some have later, the clock goes to the first of them, and the page says so.
  onAnswer() {
    this.render();
    if (!this.awaitingAnswers || this.players.some((player) => player.answer === null)) return;
    this.awaitingAnswers = false;
    const starts = this.players.filter((player) => player.answer === 'seeked').map((player) => player.startAt);
    if (starts.length === 0) return;
    const first = Math.min(...starts);
    if (first - this.askedAt > LATER_MS) {
      this.setClock(first);
      this.timeline.show(first);
      this.say(format(this.labels.laterStart, formatMoment(this.askedAt, first), formatMoment(first, this.askedAt)));
      this.tick();
    }
  }

  say(text) {
    this.notice.hidden = text === null;
    this.notice.textContent = text ?? '';
  }

  tick() {
    let now = this.now();
    const media = toMedia(now);
    const active = this.players.filter((player) => player.playable);
    const loading = active.some((player) => player.state === 'loading');
    if (this.playing && active.length === 0) {
      // No camera has anything to play from here (or all are reconnecting): the clock waits where it is.
      this.setClock(this.held ? this.anchorWall : now);
      this.held = true;
      now = this.anchorWall;
    } else {
      this.held = false;
    }
    // In a gap of every camera, play on from the next recorded instant instead of waiting through it.
    if (this.playing && active.length > 0 && !loading && active.every((player) => !player.isBuffered(media))) {
      const next = active.map((player) => player.nextBuffered(media)).filter((s) => s !== null);
      const resumes = active.map((player) => player.nextAt).filter((at) => at !== null && at > now);
      if (next.length > 0) {
        now = toWall(Math.min(...next));
        this.setClock(now);
      } else if (resumes.length > 0) {
        now = Math.min(...resumes); // announced by the server past the read-ahead: its frames follow the next "want"
        this.setClock(now);
      } else if (active.every((player) => player.endAt !== null && now >= player.endAt)) {
        this.playing = false; // the end of the recordings
        this.setClock(Math.min(now, Math.max(...active.map((player) => player.endAt))));
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

  render() {
    this.players?.forEach((player, i) => this.tiles[i].showState(player.state, this.labels.states[player.state]));
    this.renderMessages(this.now());
  }

  renderClock(now) {
    this.controls.render(this.playing, this.rate, now);
    this.players.forEach((player, i) => {
      const shown = player.hasMedia && player.isBuffered(player.video.currentTime) ? toWall(player.video.currentTime) : null;
      this.tiles[i].showTime(shown);
    });
    this.renderMessages(now);
    this.timeline.draw(now);
  }

  renderMessages(now) {
    this.players?.forEach((player, i) => {
      const [text, action] = this.messageOf(player, now);
      this.tiles[i].showMessage(text, action);
    });
  }

  // What a tile says when it has no picture to show, and what it offers to do about it.
  messageOf(player, now) {
    const L = this.labels;
    switch (player.state) {
      case 'none': {
        const { first, last } = player.range;
        const from = Math.max(first, last - LAST_MINUTE_MS);
        return [format(L.nothingAfter, formatMoment(player.askedAt, last), formatMoment(last, player.askedAt)),
          { label: format(L.playFrom, formatMoment(from, player.askedAt)), run: () => this.playFrom(from) }];
      }
      case 'empty':
        return [L.noRecording, null];
      case 'denied':
        return [player.denial === 'signedOut' ? L.signedOut : player.denial === 'masked' ? L.masked : L.forbidden, null];
      case 'error':
        return [L.connectionLost, { label: L.retryNow, run: () => player.retry() }];
      case 'ready':
        // This camera's recordings start after the instant on screen: the others play meanwhile.
        if (player.startAt !== null && player.startAt - now > LATER_MS && !player.isBuffered(toMedia(now))) {
          return [format(L.cameraLater, formatMoment(player.startAt, now)), null];
        }
        return [null, null];
      default:
        return [null, null];
    }
  }

  state() {
    return {
      clockMs: this.now(),
      playing: this.playing,
      rate: this.rate,
      viewStart: this.timeline.viewStart,
      viewEnd: this.timeline.viewEnd,
      players: this.players.map((player) => ({
        camera: player.camera.id,
        state: player.state,
        currentWallMs: player.hasMedia ? toWall(player.video.currentTime) : null,
        shown: player.hasMedia ? player.isBuffered(player.video.currentTime) : false,
        readyState: player.video.readyState,
        frameMs: player.frameMs,
      })),
    };
  }
}
