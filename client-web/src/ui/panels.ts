// The HUD and the scoreboard: small DOM panels over the canvas (crisp text, no redraw cost).
// Names come from other players: always set as text, never as HTML.

import { arenaContext, type ArenaFrame, type ArenaSession } from "../games/arena/index.js";

/** Ping, tick rate, kB/s received, players in view; refreshed a few times a second. */
export function renderHud(hud: HTMLElement, session: ArenaSession, nowMs: number): void {
  const latest = session.mirror?.latest;
  const context = session.welcome && session.schema ? arenaContext(session.welcome, session.schema) : undefined;
  let players = 0;
  if (latest && context) for (const row of latest.entities.values()) if (context.schema.isKind(row, "player")) players++;
  const ping = session.stats.pingMs;
  const items: [string, string][] = [
    ["ping", ping === undefined ? "–" : `${Math.round(ping)} ms`],
    ["tick rate", context ? `${context.rules.tickRate} Hz` : "–"],
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

/**
 * Players by score (kills), then fewest deaths. `onPick`, when given, makes rows clickable
 * (a spectator follows the player it picks).
 */
export function renderScoreboard(board: HTMLElement, frame: ArenaFrame | undefined, followed: number, onPick?: (id: number) => void): void {
  const players = [...(frame?.players ?? [])].sort((a, b) => b.score - a.score || a.deaths - b.deaths || a.id - b.id);
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const title of ["#", "player", "kills", "deaths"]) {
    const th = document.createElement("th");
    th.textContent = title;
    head.append(th);
  }
  const body = table.createTBody();
  players.slice(0, 16).forEach((p, i) => {
    const row = body.insertRow();
    if (p.self) row.className = "self";
    if (p.id === followed) row.classList.add("followed");
    for (const text of [String(i + 1), p.name || `#${p.id}`, String(p.score), String(p.deaths)]) {
      row.insertCell().textContent = text;
    }
    if (onPick) {
      row.classList.add("pickable");
      row.addEventListener("click", () => onPick(p.id));
    }
  });
  board.replaceChildren(table);
}
