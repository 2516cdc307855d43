/**
 * Present mode: the view fills the screen without the app's chrome, with a one-line caption at
 * the foot. With a deck, the foot also steps through slides: arrow keys, Space, Page Up/Down
 * (what presenter remotes send), Home/End; Escape leaves. Each slide has its own link.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { useViewState } from '../../state/store';
import { captionText, useCaption } from './caption';
import { decodeDeck, slideState } from './deck';
import { ImageExport } from './ImageExport';

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/** True when a key press belongs to a form control (typing, choosing) rather than to the deck. */
function inControl(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  return !!el.closest('input, textarea, select, [contenteditable="true"], .maplibregl-canvas');
}

/** The presented view and its foot. */
export function PresentFrame({ children }: { children: ReactNode }) {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const caption = useCaption();
  const [showNote, setShowNote] = useState(false);
  const data = state.deck?.data ?? null;
  const decoded = useMemo(() => (data ? decodeDeck(data) : null), [data]);
  const deck = decoded?.ok ? decoded.deck : null;
  const index = state.deck?.slide ?? 0;
  const count = deck?.slides.length ?? 0;
  const slide = deck?.slides[Math.min(index, count - 1)];

  // A link with a damaged deck: say so, and show the view without it.
  useEffect(() => {
    if (decoded && !decoded.ok) {
      store.reportDropped([`dk (${decoded.error})`]);
      store.set({ deck: null }, 'replace');
    }
  }, [decoded, store]);

  useEffect(() => {
    const go = (i: number) => {
      if (!deck || !data || i < 0 || i >= deck.slides.length || i === index) return;
      const next = slideState(deck, data, i, store.get());
      if (next.dropped.length) store.reportDropped(next.dropped);
      store.set(next.state, 'push');
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || inControl(e.target)) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        store.set({ present: false, deck: null }, 'push');
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      } else if (deck && NEXT.has(e.key)) {
        e.preventDefault();
        go(index + 1);
      } else if (deck && PREVIOUS.has(e.key)) {
        e.preventDefault();
        go(index - 1);
      } else if (deck && e.key === 'Home') {
        e.preventDefault();
        go(0);
      } else if (deck && e.key === 'End') {
        e.preventDefault();
        go(deck.slides.length - 1);
      } else if (e.key === 'n' || e.key === 'N') {
        setShowNote((v) => !v);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deck, data, index, store]);

  const step = (delta: number) => {
    if (!deck || !data) return;
    const next = slideState(deck, data, index + delta, store.get());
    store.set(next.state, 'push');
  };

  return (
    <div className="present" data-testid="present">
      <main id="main" className="present__main" tabIndex={-1} data-view={state.view}>
        {slide && (
          // The image of a slide draws its title in its frame, not twice.
          <h2 className="present__title" data-export-skip="">
            {slide.title}
          </h2>
        )}
        {children}
      </main>
      {slide && showNote && slide.note && (
        <aside className="present__note" aria-label={t('present.note')}>
          {slide.note}
        </aside>
      )}
      <footer className="present__bar">
        <p className="present__caption" data-testid="present-caption" title={captionText(caption)}>
          {captionText(caption)}
        </p>
        {deck && (
          <nav className="present__steps" aria-label={t('present.slides')}>
            <button
              type="button"
              className="button"
              onClick={() => step(-1)}
              disabled={index <= 0}
              aria-label={t('present.previous')}
            >
              ‹
            </button>
            <span data-testid="slide-number">
              {t('present.slideOf', { n: index + 1, total: count })}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => step(1)}
              disabled={index >= count - 1}
              aria-label={t('present.next')}
            >
              ›
            </button>
            {slide?.note && (
              <button
                type="button"
                className="button"
                aria-pressed={showNote}
                onClick={() => setShowNote((v) => !v)}
              >
                {t('present.noteButton')}
              </button>
            )}
          </nav>
        )}
        <ImageExport title={slide?.title} />
        <button
          type="button"
          className="button"
          data-testid="present-exit"
          onClick={() => store.set({ present: false, deck: null }, 'push')}
        >
          {t('present.exit')}
        </button>
      </footer>
    </div>
  );
}

/** Enters Present mode (full screen where the browser allows it). */
export function enterPresent(set: (u: { present: true }) => void): void {
  set({ present: true });
  void document.documentElement.requestFullscreen?.().catch(() => undefined);
}
