// Keyboard, mouse and touch turned into the arena's input. WASD or arrows move, the mouse aims,
// click or space fires. On touch screens, a thumb on the left half steers (a virtual stick
// centred where it landed), one on the right half aims there and fires while held.

import { aimFromRadians, moveAxis, moveFromKeys, type ArenaIntent } from "../games/arena/index.js";
import type { Vec2 } from "../protocol/index.js";

const KEYS = {
  up: ["KeyW", "ArrowUp"],
  down: ["KeyS", "ArrowDown"],
  left: ["KeyA", "ArrowLeft"],
  right: ["KeyD", "ArrowRight"],
  fire: ["Space"],
};
const STICK_RADIUS_PX = 60;

export class Controls {
  private readonly held = new Set<string>();
  private pointer: Vec2 | undefined;
  private mouseFire = false;
  private aim = 0;
  private stick: { id: number; origin: Vec2; at: Vec2 } | undefined;
  private aimTouch: number | undefined;
  private readonly cleanup: (() => void)[] = [];

  /**
   * @param canvas the element the pointer aims over
   * @param selfOnCanvas where this client's player is, in CSS pixels of the canvas, to aim from
   * @param onRelease called when input stops abruptly (blur, hidden page), to send idle at once
   */
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly selfOnCanvas: () => Vec2 | undefined,
    private readonly onRelease: () => void,
  ) {
    this.listen(window, "keydown", (e) => this.key(e as KeyboardEvent, true));
    this.listen(window, "keyup", (e) => this.key(e as KeyboardEvent, false));
    this.listen(window, "blur", () => this.release());
    this.listen(document, "visibilitychange", () => document.hidden && this.release());
    this.listen(canvas, "mousemove", (e) => (this.pointer = this.local(e as MouseEvent)));
    this.listen(canvas, "mousedown", (e) => (e as MouseEvent).button === 0 && (this.mouseFire = true));
    this.listen(window, "mouseup", (e) => (e as MouseEvent).button === 0 && (this.mouseFire = false));
    this.listen(canvas, "contextmenu", (e) => e.preventDefault());
    this.listen(canvas, "touchstart", (e) => this.touch(e as TouchEvent), { passive: false });
    this.listen(canvas, "touchmove", (e) => this.touch(e as TouchEvent), { passive: false });
    this.listen(canvas, "touchend", (e) => this.touchEnd(e as TouchEvent));
    this.listen(canvas, "touchcancel", (e) => this.touchEnd(e as TouchEvent));
  }

  /** The intent right now; the session reads it once per input beat. */
  intent(): ArenaIntent {
    const is = (codes: string[]) => codes.some((c) => this.held.has(c));
    let { moveX, moveY } = moveFromKeys(is(KEYS.up), is(KEYS.down), is(KEYS.left), is(KEYS.right));
    if (this.stick) {
      const k = 127 / STICK_RADIUS_PX;
      moveX = moveAxis((this.stick.at.x - this.stick.origin.x) * k);
      moveY = moveAxis((this.stick.at.y - this.stick.origin.y) * k);
    }
    const self = this.selfOnCanvas();
    if (self && this.pointer) {
      const dx = this.pointer.x - self.x;
      const dy = this.pointer.y - self.y;
      if (dx !== 0 || dy !== 0) this.aim = Math.atan2(dy, dx);
    }
    return { moveX, moveY, aim: aimFromRadians(this.aim), fire: this.mouseFire || this.aimTouch !== undefined || is(KEYS.fire) };
  }

  /** Current aim in radians, to draw our own barrel without waiting for the server. */
  get aimRadians(): number {
    return this.aim;
  }

  dispose(): void {
    for (const undo of this.cleanup) undo();
    this.cleanup.length = 0;
  }

  private key(e: KeyboardEvent, down: boolean): void {
    if (e.target instanceof HTMLInputElement) return; // typing a name is not steering
    const known = Object.values(KEYS).some((codes) => codes.includes(e.code));
    if (!known) return;
    e.preventDefault(); // arrows and space would scroll the page
    if (down) this.held.add(e.code);
    else this.held.delete(e.code);
  }

  /** Lets go of every key, button and touch (e.g. when a text box takes the keyboard). */
  release(): void {
    this.held.clear();
    this.mouseFire = false;
    this.stick = undefined;
    this.aimTouch = undefined;
    this.onRelease();
  }

  private touch(e: TouchEvent): void {
    e.preventDefault(); // no scrolling or zooming while playing
    const half = this.canvas.clientWidth / 2;
    for (const t of Array.from(e.changedTouches)) {
      const at = this.local(t);
      if (this.stick?.id === t.identifier) this.stick.at = at;
      else if (this.aimTouch === t.identifier) this.pointer = at;
      else if (e.type === "touchstart" && at.x < half && !this.stick) this.stick = { id: t.identifier, origin: at, at };
      else if (e.type === "touchstart" && at.x >= half && this.aimTouch === undefined) {
        this.aimTouch = t.identifier;
        this.pointer = at;
      }
    }
  }

  private touchEnd(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (this.stick?.id === t.identifier) this.stick = undefined;
      if (this.aimTouch === t.identifier) this.aimTouch = undefined;
    }
  }

  private local(e: { clientX: number; clientY: number }): Vec2 {
    const rect = this.canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  private listen(target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, options);
    this.cleanup.push(() => target.removeEventListener(type, handler, options));
  }
}
