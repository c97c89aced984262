// The playback page's session: up to four RecordedPlayers driven by one clock (pause, speeds, frame
// steps, seeks), with their tiles, the control bar and the timeline. Every video's currentTime is the
// recorded instant (media-time.js), so holding each video near the clock keeps the cameras in sync.

import { Controls } from './controls.js';
import { toMedia, toWall } from './media-time.js';
import { RecordedPlayer } from './recorded-player.js';
import { buildGrid } from './tiles.js';
import { Timeline } from './timeline.js';

const TICK_MS = 200;
const DRIFT_SECONDS = 0.3;     // a video further than this (× speed) from the clock is moved to it

export class PlaybackSession {
  constructor(root, options) {
    this.root = root;
    this.labels = options.labels;
    this.cameras = options.cameras;
    this.playing = true;
    this.rate = 1;
    this.anchorWall = options.at;
    this.anchorPerf = performance.now();
    this.build();
    this.players = this.cameras.map((camera, i) => new RecordedPlayer(this.tiles[i].video, camera, () => this.render()));
    this.timeline.viewAround(options.at);
    this.players.forEach((player) => player.open(options.at));
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.refreshTimer = setInterval(() => this.timeline.loadRecordings(), 30000);
    this.render();
  }

  build() {
    this.root.innerHTML = '';
    const { grid, tiles } = buildGrid(this.cameras);
    this.tiles = tiles;
    this.controls = new Controls(this.labels, {
      step: (frames) => this.step(frames),
      togglePlay: () => this.togglePlay(),
      setRate: (rate) => this.setRate(rate),
    });
    this.timeline = new Timeline(this.root, this.cameras, this.labels, { now: () => this.now(), seek: (ms) => this.seekTo(ms) });
    this.root.append(grid, this.controls.element, this.timeline.element);
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
    this.timeline.show(wallMs);
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

  render() {
    this.players?.forEach((player, i) => this.tiles[i].showState(player.state, this.labels.states[player.state]));
  }

  renderClock(now) {
    this.controls.render(this.playing, this.rate, now);
    this.players.forEach((player, i) => {
      const shown = player.hasMedia && player.isBuffered(player.video.currentTime) ? toWall(player.video.currentTime) : null;
      this.tiles[i].showTime(shown);
    });
    this.timeline.draw(now);
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
