// A small read-only window into a page for browser tests (and curious developers):
// window.__tickstream. It copies data out; nothing in it can change the game.

import type { AnyGameClient, Session } from "../protocol/index.js";
import type { ArenaView } from "./arena-view.js";

export interface EntitySummary {
  readonly id: number;
  readonly kind: "player" | "projectile" | "other";
  /** Position in map units, as the server last sent it. */
  readonly x: number;
  readonly y: number;
  readonly name: string;
  readonly hp: number;
  readonly score: number;
}

export function installTestHook(current: () => { session?: Session<AnyGameClient>; view?: ArenaView }): void {
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
    /** The game the room runs (Welcome.game). */
    get game(): string | undefined {
      return current().session?.welcome?.game;
    },
    /** Entities of the newest applied snapshot (hp and score are 0 in games without them). */
    entities(): EntitySummary[] {
      const { session } = current();
      const state = session?.mirror?.latest;
      const schema = session?.schema;
      const scale = session?.welcome?.positionScale || 1;
      if (!state || !schema) return [];
      const at = (v: readonly number[], i: number) => (i >= 0 ? v[i] : 0);
      return [...state.entities.values()].map((row) => {
        const name = schema.kindOf(row)?.name;
        const kind = name === "player" || name === "projectile" ? name : "other";
        const [x, y] = [at(row.values, schema.positionX) / scale, at(row.values, schema.positionY) / scale];
        return { id: row.id, kind, x, y, name: row.name, hp: schema.read(row, "hp"), score: schema.read(row, "score") };
      });
    },
    /** Players as last drawn (interpolated, or predicted for our own). */
    drawn(): { id: number; x: number; y: number; self: boolean }[] {
      return (current().view?.lastFrame?.players ?? []).map((p) => ({ id: p.id, x: p.x, y: p.y, self: p.self }));
    },
  });
  Object.defineProperty(window, "__tickstream", { value: hook, enumerable: false, configurable: false, writable: false });
}
