// The event feed: the last few lines a game says (kills, chat, goals), as text (names come
// from other players: never HTML), each fading out after a while.

import type { AnyGameClient, Session } from "../protocol/index.js";

export class EventFeed {
  /**
   * @param element where the lines go
   * @param maxLines lines shown at once; older ones drop off @default 6
   * @param lifetimeMs how long a line stays, in ms @default 8000
   */
  constructor(
    private readonly element: HTMLElement,
    private readonly maxLines = 6,
    private readonly lifetimeMs = 8000,
  ) {}

  /** Adds a line; `className` styles it ("kill", "kill mine", "chat", "goal"). */
  push(text: string, className: string): void {
    const line = document.createElement("div");
    line.className = className;
    line.textContent = text;
    this.element.append(line);
    while (this.element.childElementCount > this.maxLines) this.element.firstElementChild?.remove();
    setTimeout(() => line.remove(), this.lifetimeMs);
  }

  clear(): void {
    this.element.replaceChildren();
  }
}

/** An entity's name as a feed shows it: "you" for the session's own, "#id" when it has none. */
export function nameIn(session: Session<AnyGameClient> | undefined, id: number): string {
  if (id !== 0 && id === session?.entityId) return "you";
  return session?.mirror?.latest?.entities.get(id)?.name || `#${id}`;
}
