// The kill feed and chat lines: the last few of the game's events, as text (names come from
// other players: never HTML), each fading out after a while.

import { arenaGame, type ArenaSession } from "../games/arena/index.js";
import { onGameEvents, type EventHandler } from "../protocol/index.js";

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

  /** SessionEvents.onEvent for an arena session: kills and chat lines, with the players' names. */
  arenaHandler(session: () => ArenaSession | undefined): EventHandler {
    const name = (id: number) => {
      const s = session();
      if (id !== 0 && id === s?.entityId) return "you";
      return s?.mirror?.latest?.entities.get(id)?.name || `#${id}`;
    };
    return onGameEvents(arenaGame, {
      kill: (kill) => this.push(`${name(kill.killer)} ✕ ${name(kill.victim)}`, kill.killer === session()?.entityId ? "kill mine" : "kill"),
      chat: (line) => this.push(`${name(line.from)}: ${line.text}`, "chat"),
    });
  }
}
