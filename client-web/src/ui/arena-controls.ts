// Keyboard, mouse and touch turned into the arena's input. WASD or arrows move, the mouse aims,
// click or space fires. On touch screens, a thumb on the left half steers (a virtual stick
// centred where it landed), one on the right half aims there and fires while held.

import { aimFromRadians, type ArenaIntent } from "../games/arena/index.js";
import type { Vec2 } from "../protocol/index.js";
import { InputBase } from "./input-base.js";

const FIRE_KEYS = ["Space"];

export class ArenaControls extends InputBase {
  private pointer: Vec2 | undefined;
  private mouseFire = false;
  private aim = 0;
  private aimTouch: number | undefined;

  /**
   * @param canvas the element the pointer aims over
   * @param selfOnCanvas where this client's player is, in CSS pixels of the canvas, to aim from
   * @param onRelease called when input stops abruptly (blur, hidden page), to send idle at once
   */
  constructor(
    canvas: HTMLCanvasElement,
    private readonly selfOnCanvas: () => Vec2 | undefined,
    onRelease: () => void,
  ) {
    super(canvas, FIRE_KEYS, onRelease);
    this.listen(canvas, "mousemove", (e) => (this.pointer = this.local(e as MouseEvent)));
    this.listen(canvas, "mousedown", (e) => (e as MouseEvent).button === 0 && (this.mouseFire = true));
    this.listen(window, "mouseup", (e) => (e as MouseEvent).button === 0 && (this.mouseFire = false));
  }

  /** The intent right now; the session reads it once per input beat. */
  intent(): ArenaIntent {
    const { moveX, moveY } = this.movement();
    const self = this.selfOnCanvas();
    if (self && this.pointer) {
      const dx = this.pointer.x - self.x;
      const dy = this.pointer.y - self.y;
      if (dx !== 0 || dy !== 0) this.aim = Math.atan2(dy, dx);
    }
    return { moveX, moveY, aim: aimFromRadians(this.aim), fire: this.mouseFire || this.aimTouch !== undefined || this.isHeld(FIRE_KEYS) };
  }

  /** Current aim in radians, to draw our own barrel without waiting for the server. */
  get aimRadians(): number {
    return this.aim;
  }

  protected buttonTouch(id: number, at: Vec2, start: boolean): void {
    if (this.aimTouch === id) this.pointer = at;
    else if (start && this.aimTouch === undefined) {
      this.aimTouch = id;
      this.pointer = at;
    }
  }

  protected buttonTouchEnd(id: number): void {
    if (this.aimTouch === id) this.aimTouch = undefined;
  }

  protected releaseButtons(): void {
    this.mouseFire = false;
    this.aimTouch = undefined;
  }
}
