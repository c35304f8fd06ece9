// A stable, distinct colour per entity id, so a player and its shots match everywhere.

const cache = new Map<number, string>();

export function colorFor(id: number): string {
  let color = cache.get(id);
  if (!color) {
    // Golden-angle steps spread consecutive ids around the hue circle.
    const hue = Math.round((id * 137.508) % 360);
    color = `hsl(${hue} 70% 58%)`;
    cache.set(id, color);
  }
  return color;
}

/** Team colours: a football team's players, goal and banners. */
export const TEAM_COLORS: Readonly<Record<string, string>> = { red: "#e5484d", blue: "#3b82f6" };

/** The colour of team `team` ("red", "blue"); grey for anything else. */
export function teamColor(team: string | undefined): string {
  return (team && TEAM_COLORS[team]) || "#9aa5b1";
}
