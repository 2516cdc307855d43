/**
 * "Image": the current view (or slide) as a PNG at 1920×1080 or at 2×, with its title, legend and
 * caption drawn in; and, for a deck, every slide as one PDF or a ZIP of PNGs.
 */
import { nameFrom } from '../../model/fileNames';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { zipSync } from 'fflate';
import { useAtlas } from '../../context/AtlasContext';
import type { Coordinator } from '../../db/coordinator';
import { useViewState, type ViewStateStore } from '../../state/store';
import { THEME_TOKENS } from '../../theme/tokens';
import { formatNumber } from '../../i18n';
import { saveFile } from '../../export/ExportMenu';
import { captionText, useCaption } from './caption';
import { encodeDeck, slideState, type Deck } from './deck';
import { viewImage, type ImageFrame } from './exportImage';
import { imagesToPdf } from './pdf';

/** The frame's colours and font from the theme on screen. */
function frameOf(
  theme: keyof typeof THEME_TOKENS,
  title: string,
  caption: string | null,
): ImageFrame {
  const tokens = THEME_TOKENS[theme];
  return {
    title,
    caption,
    background: tokens.bg,
    text: tokens.text,
    muted: tokens.textMuted,
    fontFamily: getComputedStyle(document.documentElement).fontFamily || 'sans-serif',
  };
}

/**
 * Waits until the slide's view has loaded its code and panels, every query has answered, no
 * panel is busy and the map (if any) is ready; then lets WebGL draw.
 */
async function settle(coordinator: Coordinator, view: string, timeout = 60_000): Promise<void> {
  const start = performance.now();
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const ready = () =>
    !!document.querySelector(`#main[data-view="${view}"] .panel`) &&
    coordinator.isIdle() &&
    !document.querySelector('[aria-busy="true"]') &&
    !document.querySelector(
      '#main [data-panel="map"]:not([data-state="ready"]):not([data-state="empty"])',
    ) &&
    (!document.querySelector('#main [data-panel="map"]') ||
      !!document.querySelector('#main [data-testid="map"] canvas'));
  let quietFrames = 0;
  while (quietFrames < 3 && performance.now() - start < timeout) {
    await frame();
    quietFrames = ready() ? quietFrames + 1 : 0;
  }
  // Software WebGL draws a few frames after the data lands.
  if (document.querySelector('#main canvas')) await new Promise((r) => setTimeout(r, 1500));
}

/** The element an image is made of: the view under `#main`. */
const viewElement = (): HTMLElement | null => document.getElementById('main');

/** PNG buttons for the view on screen. */
export function ImageExport({ title }: { title?: string }) {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const caption = useCaption();
  const [status, setStatus] = useState<string | null>(null);
  const [withCaption, setWithCaption] = useState(true);
  const run = async (scale: 1 | 2) => {
    const view = viewElement();
    if (!view) return;
    setStatus(t('image.making'));
    const started = performance.now();
    try {
      const name = title ?? t(`nav.${state.view}`);
      const img = await viewImage(
        view,
        frameOf(state.theme, name, withCaption ? captionText(caption) : null),
        scale,
      );
      const ms = Math.round(performance.now() - started);
      performance.measure('atlas:image', { start: started, duration: ms });
      saveFile(img.blob, `${nameFrom(name, 'view')}-${img.width}x${img.height}.png`);
      setStatus(
        t('image.done', {
          width: img.width,
          height: img.height,
          time: formatNumber(ms / 1000, state.lang, {
            style: 'unit',
            unit: 'second',
            maximumFractionDigits: 1,
          }),
        }),
      );
      view.dataset.imageMs = String(ms);
    } catch (e) {
      setStatus(t('image.failed', { detail: (e as Error).message }));
    }
  };
  return (
    <span className="image-export" data-export-skip="">
      <details className="menu" data-testid="image-menu">
        <summary className="button">{t('image.menu')}</summary>
        <div className="menu__panel">
          <button
            type="button"
            className="button"
            data-testid="image-1x"
            onClick={() => void run(1)}
          >
            {t('image.png')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="image-2x"
            onClick={() => void run(2)}
          >
            {t('image.png2x')}
          </button>
          <label className="field--check">
            <input
              type="checkbox"
              data-testid="image-caption"
              checked={withCaption}
              onChange={(e) => setWithCaption(e.target.checked)}
            />
            {t('image.caption')}
          </label>
        </div>
      </details>
      {status && (
        <span className="image-export__status" role="status" data-testid="image-status">
          {status}
        </span>
      )}
    </span>
  );
}

/**
 * Renders every slide of a deck in turn (the app shows each, waits for it, draws it) and saves
 * them as one PDF or a ZIP of PNGs; then returns to where it was.
 */
export async function deckImages(
  deck: Deck,
  store: ViewStateStore,
  coordinator: Coordinator,
  as: 'pdf' | 'zip',
  onSlide: (n: number) => void,
): Promise<Blob> {
  const before = store.get();
  const data = encodeDeck(deck);
  const pngs: Record<string, Uint8Array> = {};
  const pages: { jpeg: Uint8Array; width: number; height: number }[] = [];
  try {
    for (let i = 0; i < deck.slides.length; i++) {
      onSlide(i + 1);
      const next = slideState(deck, data, i, before).state;
      store.set(next, 'replace');
      await settle(coordinator, next.view);
      const view = viewElement();
      if (!view) throw new Error('no view on screen');
      const s = deck.slides[i]!;
      const caption = document.querySelector('[data-testid="present-caption"]')?.textContent ?? '';
      const frame = frameOf(before.theme, s.title, caption);
      const img = await viewImage(view, frame, 1);
      if (as === 'zip') {
        pngs[`${String(i + 1).padStart(2, '0')}-${nameFrom(s.title, 'slide')}.png`] =
          new Uint8Array(await img.blob.arrayBuffer());
      } else {
        const bitmap = await createImageBitmap(img.blob);
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        c.getContext('2d')!.drawImage(bitmap, 0, 0);
        const jpeg = await new Promise<Blob>((resolve, reject) =>
          c.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG'))), 'image/jpeg', 0.92),
        );
        pages.push({
          jpeg: new Uint8Array(await jpeg.arrayBuffer()),
          width: img.width,
          height: img.height,
        });
      }
    }
  } finally {
    store.set(before, 'replace');
  }
  return as === 'zip'
    ? new Blob([zipSync(pngs, { level: 0 }) as BlobPart], { type: 'application/zip' })
    : imagesToPdf(pages, deck.title);
}

/** The deck's PDF and PNG buttons. */
export function DeckImages({ deck }: { deck: Deck }) {
  const { store, coordinator } = useAtlas();
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  const run = async (as: 'pdf' | 'zip') => {
    try {
      const blob = await deckImages(deck, store, coordinator, as, (n) =>
        setStatus(t('image.slide', { n, total: deck.slides.length })),
      );
      saveFile(blob, `${nameFrom(deck.title, 'deck')}.${as}`);
      setStatus(null);
    } catch (e) {
      setStatus(t('image.failed', { detail: (e as Error).message }));
    }
  };
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="deck-pdf"
        onClick={() => void run('pdf')}
      >
        {t('image.deckPdf')}
      </button>
      <button
        type="button"
        className="button"
        data-testid="deck-zip"
        onClick={() => void run('zip')}
      >
        {t('image.deckPngs')}
      </button>
      {status && (
        <span role="status" data-testid="deck-image-status">
          {status}
        </span>
      )}
    </>
  );
}
