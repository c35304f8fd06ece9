// What every game's controls share: keys held on the keyboard (ignoring text boxes, and let
// go of when the window loses focus or the page is hidden), a virtual stick for the left
// thumb on touch screens, and a movement vector from either. A game's controls add their
// buttons (touches on the right half, a mouse) and build their input from it.

import type { Vec2 } from "../protocol/index.js";

/** Key codes (KeyboardEvent.code) of the four directions. */
export const MOVE_KEYS = {
  up: ["KeyW", "ArrowUp"],
  down: ["KeyS", "ArrowDown"],
  left: ["KeyA", "ArrowLeft"],
  right: ["KeyD", "ArrowRight"],
} as const;

/** Distance from the stick's origin, in CSS pixels, that means a full stick. */
export const STICK_RADIUS_PX = 60;

export abstract class InputBase {
  protected readonly held = new Set<string>();
  protected stick: { id: number; origin: Vec2; at: Vec2 } | undefined;
  private readonly cleanup: (() => void)[] = [];
  private readonly known: ReadonlySet<string>;

  /**
   * @param canvas the element touches and pointers act on
   * @param keys every key code the game uses besides the directions (their default action is prevented)
   * @param onRelease called when input stops abruptly (blur, hidden page), to send idle at once
   */
  constructor(
    protected readonly canvas: HTMLCanvasElement,
    keys: readonly string[],
    private readonly onRelease: () => void,
  ) {
    this.known = new Set([...Object.values(MOVE_KEYS).flat(), ...keys]);
    this.listen(window, "keydown", (e) => this.key(e as KeyboardEvent, true));
    this.listen(window, "keyup", (e) => this.key(e as KeyboardEvent, false));
    this.listen(window, "blur", () => this.release());
    this.listen(document, "visibilitychange", () => document.hidden && this.release());
    this.listen(canvas, "contextmenu", (e) => e.preventDefault());
    this.listen(canvas, "touchstart", (e) => this.touch(e as TouchEvent), { passive: false });
    this.listen(canvas, "touchmove", (e) => this.touch(e as TouchEvent), { passive: false });
    this.listen(canvas, "touchend", (e) => this.touchEnd(e as TouchEvent));
    this.listen(canvas, "touchcancel", (e) => this.touchEnd(e as TouchEvent));
  }

  /** Lets go of every key, button and touch (e.g. when a text box takes the keyboard). */
  release(): void {
    this.held.clear();
    this.stick = undefined;
    this.releaseButtons();
    this.onRelease();
  }

  /** Stops listening (the session ended). */
  dispose(): void {
    for (const undo of this.cleanup) undo();
    this.cleanup.length = 0;
  }

  /** Whether any of `codes` is held. */
  protected isHeld(codes: readonly string[]): boolean {
    return codes.some((c) => this.held.has(c));
  }

  /** Movement per axis, -127..127: the stick while a thumb is on it, else the direction keys. */
  protected movement(): { moveX: number; moveY: number } {
    if (this.stick) {
      const k = 127 / STICK_RADIUS_PX;
      const axis = (v: number) => Math.max(-127, Math.min(127, Math.round(v * k)));
      return { moveX: axis(this.stick.at.x - this.stick.origin.x), moveY: axis(this.stick.at.y - this.stick.origin.y) };
    }
    const is = (codes: readonly string[]) => (this.isHeld(codes) ? 127 : 0);
    return { moveX: is(MOVE_KEYS.right) - is(MOVE_KEYS.left), moveY: is(MOVE_KEYS.down) - is(MOVE_KEYS.up) };
  }

  /** A key of the game went down (after `held` was updated): latch taps here. */
  protected keyDown(_code: string): void {}

  /** A touch on the right half began, moved (`start` false) at `at` (CSS pixels in the canvas). */
  protected abstract buttonTouch(id: number, at: Vec2, start: boolean): void;
  /** A touch that buttonTouch took ended. */
  protected abstract buttonTouchEnd(id: number): void;
  /** Lets go of the game's own buttons. */
  protected abstract releaseButtons(): void;

  /** A point of a mouse or touch event in CSS pixels of the canvas. */
  protected local(e: { clientX: number; clientY: number }): Vec2 {
    const rect = this.canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  protected listen(target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, options);
    this.cleanup.push(() => target.removeEventListener(type, handler, options));
  }

  private key(e: KeyboardEvent, down: boolean): void {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return; // typing is not steering
    if (!this.known.has(e.code)) return;
    e.preventDefault(); // arrows and space would scroll the page
    if (down) {
      this.held.add(e.code);
      this.keyDown(e.code);
    } else {
      this.held.delete(e.code);
    }
  }

  private touch(e: TouchEvent): void {
    e.preventDefault(); // no scrolling or zooming while playing
    const half = this.canvas.clientWidth / 2;
    for (const t of Array.from(e.changedTouches)) {
      const at = this.local(t);
      if (this.stick?.id === t.identifier) this.stick.at = at;
      else if (e.type === "touchstart" && at.x < half && !this.stick) this.stick = { id: t.identifier, origin: at, at };
      else this.buttonTouch(t.identifier, at, e.type === "touchstart");
    }
  }

  private touchEnd(e: TouchEvent): void {
    for (const t of Array.from(e.changedTouches)) {
      if (this.stick?.id === t.identifier) this.stick = undefined;
      else this.buttonTouchEnd(t.identifier);
    }
  }
}
