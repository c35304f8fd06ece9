// Small DOM panels over the canvas (crisp text, no redraw cost): the HUD every game shows, and
// a table helper for scoreboards. Names come from other players: always set as text, never as HTML.

import type { AnyGameClient, Session } from "../protocol/index.js";

/** Ping, tick rate, kB/s received, players in view, room, tick; refreshed a few times a second. */
export function renderHud(hud: HTMLElement, session: Session<AnyGameClient>, nowMs: number): void {
  const latest = session.mirror?.latest;
  const schema = session.schema;
  let players = 0;
  if (latest && schema) for (const row of latest.entities.values()) if (schema.isKind(row, "player")) players++;
  const ping = session.stats.pingMs;
  const items: [string, string][] = [
    ["ping", ping === undefined ? "–" : `${Math.round(ping)} ms`],
    ["tick rate", session.welcome ? `${session.welcome.tickRate} Hz` : "–"],
    ["received", `${(session.stats.traffic.bytesPerSecond(nowMs) / 1000).toFixed(1)} kB/s`],
    ["players in view", String(players)],
    ["room", session.welcome?.roomId ?? "–"],
    ["tick", latest ? String(latest.tick) : "–"],
  ];
  if (session.stats.snapshotErrors > 0) items.push(["bad snapshots", String(session.stats.snapshotErrors)]);
  hud.replaceChildren(
    ...items.map(([label, value]) => {
      const item = document.createElement("div");
      const l = document.createElement("span");
      l.className = "label";
      l.textContent = label;
      const v = document.createElement("span");
      v.className = "value";
      v.textContent = value;
      item.append(l, v);
      return item;
    }),
  );
}

/** One scoreboard row: its cells' text, CSS classes, and what clicking it does (if anything). */
export interface BoardRow {
  readonly cells: readonly string[];
  readonly className?: string;
  readonly onPick?: () => void;
}

/** Fills `board` with a caption (optional), a header row and `rows`, all as text. */
export function renderTable(board: HTMLElement, headers: readonly string[], rows: readonly BoardRow[], caption?: string): void {
  const table = document.createElement("table");
  if (caption) table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const title of headers) {
    const th = document.createElement("th");
    th.textContent = title;
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    if (r.className) row.className = r.className;
    for (const text of r.cells) row.insertCell().textContent = text;
    if (r.onPick) {
      row.classList.add("pickable");
      row.addEventListener("click", r.onPick);
    }
  }
  board.replaceChildren(table);
}
