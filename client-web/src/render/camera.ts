// Maps map units to canvas pixels: follow a point, or fit the whole map.

import type { Vec2 } from "../protocol/index.js";

export interface Camera {
  /** Map point at the centre of the canvas. */
  readonly center: Vec2;
  /** Canvas pixels per map unit (device pixels, so sizes stay the same on HiDPI screens). */
  readonly scale: number;
  readonly width: number;
  readonly height: number;
}

/** Map units visible across the shorter side when following a player. */
const FOLLOW_SPAN = 900;

/** A camera centred on `target`, showing about FOLLOW_SPAN units across the shorter side. */
export function followCamera(target: Vec2, width: number, height: number): Camera {
  return { center: target, scale: Math.min(width, height) / FOLLOW_SPAN, width, height };
}

/** A camera showing the whole map with a small margin. */
export function overviewCamera(mapWidth: number, mapHeight: number, width: number, height: number): Camera {
  const scale = Math.min(width / (mapWidth * 1.04), height / (mapHeight * 1.04));
  return { center: { x: mapWidth / 2, y: mapHeight / 2 }, scale, width, height };
}

export function toScreen(camera: Camera, p: Vec2): Vec2 {
  return {
    x: (p.x - camera.center.x) * camera.scale + camera.width / 2,
    y: (p.y - camera.center.y) * camera.scale + camera.height / 2,
  };
}

/** Whether a circle of `radius` map units at `p` is at least partly on the canvas. */
export function onScreen(camera: Camera, p: Vec2, radius: number): boolean {
  const s = toScreen(camera, p);
  const r = radius * camera.scale;
  return s.x + r >= 0 && s.y + r >= 0 && s.x - r <= camera.width && s.y - r <= camera.height;
}
