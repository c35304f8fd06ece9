// Keyboard and touch turned into football's input. WASD or arrows move, Space or J kicks,
// Shift or K dashes; a tap between two input beats still counts (it is latched until the
// next beat reads it). On touch screens, the left thumb steers (a virtual stick) and the
// right half of the screen is two buttons: its upper half kicks, its lower half dashes.

import type { FootballIntent } from "../games/football/index.js";
import type { Vec2 } from "../protocol/index.js";
import { InputBase } from "./input-base.js";

const KICK_KEYS = ["Space", "KeyJ"];
const DASH_KEYS = ["ShiftLeft", "ShiftRight", "KeyK"];

export class FootballControls extends InputBase {
  private kickLatched = false;
  private dashLatched = false;
  private readonly touches = new Map<number, "kick" | "dash">();

  /**
   * @param canvas the element touches act on
   * @param onRelease called when input stops abruptly (blur, hidden page), to send idle at once
   */
  constructor(canvas: HTMLCanvasElement, onRelease: () => void) {
    super(canvas, [...KICK_KEYS, ...DASH_KEYS], onRelease);
  }

  /** The intent right now; the session reads it once per input beat (and that clears the latched taps). */
  intent(): FootballIntent {
    const buttons = [...this.touches.values()];
    const kick = this.kickLatched || this.isHeld(KICK_KEYS) || buttons.includes("kick");
    const dash = this.dashLatched || this.isHeld(DASH_KEYS) || buttons.includes("dash");
    this.kickLatched = this.dashLatched = false;
    return { ...this.movement(), kick, dash };
  }

  protected keyDown(code: string): void {
    if (KICK_KEYS.includes(code)) this.kickLatched = true;
    if (DASH_KEYS.includes(code)) this.dashLatched = true;
  }

  protected buttonTouch(id: number, at: Vec2, start: boolean): void {
    if (!start) return;
    const button = at.y < this.canvas.clientHeight / 2 ? "kick" : "dash";
    this.touches.set(id, button);
    if (button === "kick") this.kickLatched = true;
    else this.dashLatched = true;
  }

  protected buttonTouchEnd(id: number): void {
    this.touches.delete(id);
  }

  protected releaseButtons(): void {
    this.touches.clear();
    this.kickLatched = this.dashLatched = false;
  }
}
