/**
 * Pixel checks for canvases: decode a PNG screenshot and count pixels near given colours, so a
 * blank map or an empty chart fails a test instead of passing it.
 */
import { PNG } from 'pngjs';

/** Share of pixels within `tolerance` (per channel) of each colour, by colour name. */
export function colourShares(
  png: Buffer,
  colours: Record<string, string>,
  tolerance = 18,
): Record<string, number> {
  const img = PNG.sync.read(png);
  const targets = Object.entries(colours).map(([name, hex]) => {
    const n = Number.parseInt(hex.replace('#', ''), 16);
    return [name, (n >> 16) & 255, (n >> 8) & 255, n & 255] as const;
  });
  const counts: Record<string, number> = Object.fromEntries(targets.map(([name]) => [name, 0]));
  const total = img.width * img.height;
  for (let i = 0; i < img.data.length; i += 4) {
    const r = img.data[i]!;
    const g = img.data[i + 1]!;
    const b = img.data[i + 2]!;
    for (const [name, tr, tg, tb] of targets) {
      if (
        Math.abs(r - tr) <= tolerance &&
        Math.abs(g - tg) <= tolerance &&
        Math.abs(b - tb) <= tolerance
      )
        counts[name]! += 1;
    }
  }
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / total]));
}

/** Share of strongly coloured pixels (channel spread above `spread`): arcs on a neutral basemap. */
export function saturatedShare(png: Buffer, spread = 90): number {
  const img = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const r = img.data[i]!;
    const g = img.data[i + 1]!;
    const b = img.data[i + 2]!;
    if (Math.max(r, g, b) - Math.min(r, g, b) > spread) n++;
  }
  return n / (img.width * img.height);
}
