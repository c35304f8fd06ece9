// Plays a Recording into a WorldMirror, as a live Session fills one, so that the games' frame
// builders and renderers draw a replay exactly as they draw live play: play, pause, seek,
// speed. No DOM: the page calls advance() every animation frame with the time elapsed.

import type { Snapshot, Welcome } from "../gen/tickstream/v1/tickstream_pb.js";
import { WorldMirror } from "./mirror.js";
import type { Recording } from "./recording.js";
import { EntitySchema } from "./schema.js";

/** Playback speeds offered: 0.25× to 4×. */
export const REPLAY_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export class ReplayPlayer {
  readonly schema: EntitySchema;
  readonly mirror: WorldMirror;
  /** The tick shown, fractional between two frames (interpolation draws in between). */
  private head = 0;
  private speedFactor = 1;
  private playing = false;
  private chunk = -1;
  private frames: Snapshot[] = [];
  /** Index in `frames` of the next frame to apply. */
  private next = 0;
  /** A chunk on its way (the next one while playing, or the one a seek asked for). */
  private loading: Promise<void> | undefined;
  private generation = 0;
  /** The stand-in for a live session's TickClock: the frame builders read the tick here. */
  readonly clock = { tickAt: (_nowMs: number): number | undefined => (this.chunk < 0 ? undefined : this.head) };
  /** A spectator's: no player is steered, nothing is predicted. */
  readonly predictor = { renderPosition: () => undefined, position: undefined };
  readonly entityId = 0;

  constructor(readonly recording: Recording) {
    this.schema = EntitySchema.from(recording.welcome.schema!);
    this.mirror = new WorldMirror(this.schema.fieldCount, 64, this.schema.rates);
  }

  get welcome(): Welcome {
    return this.recording.welcome;
  }

  /** The tick shown now (fractional while playing). */
  get tick(): number {
    return this.head;
  }

  get speed(): number {
    return this.speedFactor;
  }

  set speed(x: number) {
    if (!(x >= 0.25 && x <= 4)) throw new RangeError(`speed must be 0.25..4: ${x}`);
    this.speedFactor = x;
  }

  get paused(): boolean {
    return !this.playing;
  }

  play(): void {
    if (this.head >= this.recording.lastTick) void this.seek(this.recording.firstTick);
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
  }

  /**
   * Shows `tick` (clamped to the recording): inflates the chunk holding it, applies its
   * keyframe and the frames up to the tick (and one beyond, for interpolation). Resolves once
   * the state is ready to draw.
   */
  async seek(tick: number): Promise<void> {
    const rec = this.recording;
    const target = Math.max(rec.firstTick, Math.min(rec.lastTick, tick));
    const index = rec.chunkAt(target);
    const generation = ++this.generation;
    const frames = await rec.frames(index);
    if (generation !== this.generation) return; // a later seek won
    this.mirror.clear();
    this.chunk = index;
    this.frames = frames;
    this.next = 0;
    this.loading = undefined;
    this.ready.clear();
    this.head = target;
    this.feed();
  }

  /** Moves the playhead on by `elapsedMs` of wall time at the current speed (when playing). */
  advance(elapsedMs: number): void {
    if (!this.playing || this.chunk < 0) return;
    const rate = this.welcome.tickRate || 20;
    this.head = Math.min(this.recording.lastTick, this.head + (elapsedMs * rate * this.speedFactor) / 1000);
    if (this.head >= this.recording.lastTick) this.playing = false;
    this.feed();
  }

  /**
   * Applies frames up to the one after the playhead; at a chunk's end, goes on with the next
   * chunk once inflated (asked for ahead of time), holding the playhead until then.
   */
  private feed(): void {
    const want = Math.ceil(this.head) + 1;
    for (;;) {
      while (this.next < this.frames.length && this.frames[this.next].tick <= want) {
        this.mirror.apply(this.frames[this.next++]);
      }
      const last = this.frames.at(-1)?.tick ?? 0;
      const rate = this.welcome.tickRate || 20;
      const nextChunk = this.chunk + 1;
      if (nextChunk >= this.recording.chunks.length) return;
      if (last - this.head < 2 * rate && !this.loading) this.prefetch(nextChunk);
      if (this.next < this.frames.length) return;
      const ready = this.ready.get(nextChunk);
      if (!ready) {
        this.head = Math.min(this.head, last); // wait at the chunk's end for the next
        return;
      }
      this.ready.delete(nextChunk);
      this.chunk = nextChunk;
      this.frames = ready;
      this.next = 0;
      this.loading = undefined;
    }
  }

  private readonly ready = new Map<number, Snapshot[]>();

  private prefetch(index: number): void {
    const generation = this.generation;
    this.loading = this.recording.frames(index).then((frames) => {
      if (generation === this.generation) this.ready.set(index, frames);
    }, () => {
      this.loading = undefined; // tried again at the next feed
    });
  }
}
