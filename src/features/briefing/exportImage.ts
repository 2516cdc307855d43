/**
 * Images of a view for briefings: the view's DOM (charts, tables, the map's legend) drawn by
 * modern-screenshot, with the map's WebGL canvases (basemap and arcs, which keep their drawing
 * buffer for this) read in their place, on a
 * 1920×1080 frame (or 2×) with the title above and the caption (dataset, filters, source, date,
 * safe counts) below. Everything happens in the page: no request is made.
 */
import { domToCanvas } from 'modern-screenshot';

/** What goes around the view in the image. */
export interface ImageFrame {
  title: string;
  /** One line: dataset · filters · source · safe counts · date. Null: no caption (tests). */
  caption: string | null;
  background: string;
  text: string;
  muted: string;
  fontFamily: string;
}

const TRANSPARENT_PIXEL =
  'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/** Size of exported images in CSS pixels (multiplied by `scale`). */
export const IMAGE_SIZE = { width: 1920, height: 1080 } as const;

const fitText = (ctx: CanvasRenderingContext2D, text: string, width: number): string => {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
};

/**
 * Renders `view` into a 1920×1080 (× `scale`) PNG with its frame. The view is drawn at its size
 * on screen and scaled to fit between title and caption; overlays (`[data-export-skip]`) are
 * left out. Resolves with the PNG and its size in pixels.
 */
export async function viewImage(
  view: HTMLElement,
  frame: ImageFrame,
  scale: 1 | 2 = 1,
): Promise<{ blob: Blob; width: number; height: number }> {
  const W = IMAGE_SIZE.width * scale;
  const H = IMAGE_SIZE.height * scale;
  const pad = 40 * scale;
  const titleSize = 44 * scale;
  const captionSize = 24 * scale;
  const top = pad + titleSize * 1.3;
  // The caption takes up to two lines; its room is kept without it, so both renders align.
  const bottom = pad + captionSize * 2.8;

  // A clone keeps attributes, not the live state of form controls: write the chosen options,
  // values and ticks into attributes so the image shows what the screen does.
  for (const select of view.querySelectorAll('select'))
    for (const option of select.options) option.toggleAttribute('selected', option.selected);
  for (const input of view.querySelectorAll('input')) {
    if (input.type === 'checkbox' || input.type === 'radio')
      input.toggleAttribute('checked', input.checked);
    else input.setAttribute('value', input.value);
  }
  const rect = view.getBoundingClientRect();
  const room = { w: W - 2 * pad, h: H - top - bottom };
  const fit = Math.min(room.w / rect.width, room.h / rect.height);
  // Draw the DOM at the resolution it will have in the image.
  const shot = await domToCanvas(view, {
    scale: Math.max(1, fit),
    backgroundColor: frame.background,
    font: false,
    filter: (node) => !(node instanceof HTMLElement && node.dataset.exportSkip !== undefined),
    // Nothing off this page's origin is ever fetched for an image (the CSP would refuse it too):
    // such a resource is drawn as a transparent pixel.
    fetchFn: (url) =>
      Promise.resolve(
        /^(data|blob):/.test(url) || new URL(url, location.href).origin === location.origin
          ? false
          : TRANSPARENT_PIXEL,
      ),
  });
  const out = document.createElement('canvas');
  out.width = W;
  out.height = H;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = frame.background;
  ctx.fillRect(0, 0, W, H);
  const w = rect.width * fit;
  const h = rect.height * fit;
  const x = (W - w) / 2;
  const y = top + (room.h - h) / 2;
  ctx.drawImage(shot, x, y, w, h);

  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = frame.text;
  ctx.font = `700 ${titleSize}px ${frame.fontFamily}`;
  ctx.fillText(fitText(ctx, frame.title, W - 2 * pad), pad, pad + titleSize);
  if (frame.caption !== null) {
    ctx.fillStyle = frame.muted;
    ctx.font = `400 ${captionSize}px ${frame.fontFamily}`;
    const words = frame.caption.split(' ');
    let first = '';
    while (words.length && ctx.measureText(`${first} ${words[0]}`).width <= W - 2 * pad)
      first = `${first} ${words.shift()}`.trim();
    const second = words.join(' ');
    ctx.fillText(first, pad, H - pad - (second ? captionSize * 1.3 : 0));
    if (second) ctx.fillText(fitText(ctx, second, W - 2 * pad), pad, H - pad);
  }
  const blob = await new Promise<Blob>((resolve, reject) =>
    out.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the image could not be encoded'))),
      'image/png',
    ),
  );
  return { blob, width: W, height: H };
}
