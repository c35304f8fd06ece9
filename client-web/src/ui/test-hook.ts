// A small read-only window into a page for browser tests (and curious developers):
// window.__tickstream. It copies data out; nothing in it can change the game. Game-neutral:
// entities by their schema's kind names, fields by name, and what the view drew.

import type { AnyGameClient, Session } from "../protocol/index.js";
import type { Drawn, GameView } from "./game-ui.js";

export interface EntitySummary {
  readonly id: number;
  /** The kind's name in the room's schema ("player", "ball", …), "other" without one. */
  readonly kind: string;
  /** Position in map units, as the server last sent it (0 for entities without one). */
  readonly x: number;
  readonly y: number;
  readonly name: string;
  /** The hp and score fields (0 in games without them). */
  readonly hp: number;
  readonly score: number;
}

export function installTestHook(current: () => { session?: Session<AnyGameClient>; view?: GameView }): void {
  const latestRow = (id: number) => current().session?.mirror?.latest?.entities.get(id);
  const hook = Object.freeze({
    get status(): string {
      return current().session?.status ?? "idle";
    },
    get entityId(): number {
      return current().session?.entityId ?? 0;
    },
    get roomId(): string | undefined {
      return current().session?.welcome?.roomId;
    },
    /** Why the session is reconnecting or closed ("" when live). */
    get reason(): string {
      return current().session?.reason ?? "";
    },
    /** Times the session resumed after a dropped connection. */
    get resumes(): number {
      return current().session?.stats.resumes ?? 0;
    },
    get tick(): number {
      return current().session?.mirror?.latest?.tick ?? 0;
    },
    /** The last round trip measured (Ping → Pong), ms; undefined before the first Pong. */
    get rttMs(): number | undefined {
      return current().session?.stats.pingMs;
    },
    /** Snapshots applied since the page joined. */
    get snapshots(): number {
      return current().session?.stats.snapshots ?? 0;
    },
    /** Longest wait between two applied snapshots on one connection, ms. */
    get maxSnapshotGapMs(): number {
      return current().session?.stats.maxSnapshotGapMs ?? 0;
    },
    /** Snapshots that came more than two send intervals after the one before. */
    get lateSnapshots(): number {
      return current().session?.stats.lateSnapshots ?? 0;
    },
    /** The largest correction a snapshot made to our own predicted position, map units (0 without prediction). */
    get maxCorrection(): number {
      return current().session?.predictor.maxCorrection ?? 0;
    },
    /** The game the room runs (Welcome.game). */
    get game(): string | undefined {
      return current().session?.welcome?.game;
    },
    /** Entities of the newest applied snapshot. */
    entities(): EntitySummary[] {
      const { session } = current();
      const state = session?.mirror?.latest;
      const schema = session?.schema;
      const scale = session?.welcome?.positionScale || 1;
      if (!state || !schema) return [];
      const at = (v: readonly number[], i: number) => (i >= 0 ? v[i] : 0);
      return [...state.entities.values()].map((row) => ({
        id: row.id,
        kind: schema.kindOf(row)?.name ?? "other",
        x: at(row.values, schema.positionX) / scale,
        y: at(row.values, schema.positionY) / scale,
        name: row.name,
        hp: schema.read(row, "hp"),
        score: schema.read(row, "score"),
      }));
    },
    /** Every field of entity `id` in the newest snapshot, by name (wire units); undefined when absent. */
    fields(id: number): Record<string, number> | undefined {
      const row = latestRow(id);
      const schema = current().session?.schema;
      return row && schema ? { ...schema.record(row) } : undefined;
    },
    /** What the view last drew (players, projectiles, the ball), in map units. */
    drawn(): Drawn[] {
      return current().view?.drawn() ?? [];
    },
    /** What the view shows as text (a score, a clock, a banner). */
    shown(): Readonly<Record<string, string | number>> {
      return current().view?.shown() ?? {};
    },
  });
  Object.defineProperty(window, "__tickstream", { value: hook, enumerable: false, configurable: false, writable: false });
}
