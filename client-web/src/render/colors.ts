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
