// Prediction of the entity a player steers, with the game's Prediction: every tick steps it at
// once with the input in force (sent that tick or held), every snapshot reconciles it with the
// server's row.

import type { Prediction } from "./game.js";
import type { EntityRow, WorldState } from "./mirror.js";
import { Predictor, type PredictorOptions, type Vec2 } from "./prediction.js";

export class Steering<I, S extends Vec2> {
  readonly predictor: Predictor<I, S>;
  private prediction: Prediction<I, S> | undefined;
  private lastRow: EntityRow | undefined;

  constructor(options?: PredictorOptions) {
    this.predictor = new Predictor((state, input) => (this.prediction ? this.prediction.step(state, input) : state), options);
  }

  /** A new connection: the room's prediction (undefined: none), inputs numbered from 1 again. */
  reset(prediction: Prediction<I, S> | undefined): void {
    this.prediction = prediction;
    this.predictor.reset();
    this.lastRow = undefined;
  }

  /** A tick with `input` in force, sent with `seq` now (`sent`) or held since: predict it. */
  step(seq: number, input: I, sent: boolean, nowMs: number): void {
    if (this.prediction) this.predictor.push({ seq, input, sent }, nowMs);
  }

  /** A snapshot was applied: `row` is the steered entity in `world` (undefined: not in it). */
  observe(row: EntityRow | undefined, world: WorldState, nowMs: number): void {
    const p = this.prediction;
    const state = row && p?.state(row, world);
    if (row && p && state) {
      const teleported = this.lastRow !== undefined && (p.teleported?.(this.lastRow, row, world) ?? false);
      this.predictor.reconcile(state, world, nowMs, teleported); // its tick and last input seq
    }
    this.lastRow = row;
  }
}
