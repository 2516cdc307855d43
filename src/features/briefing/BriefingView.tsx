/**
 * The Briefing view: saved views, decks made of them (ordered, titled), presenting a deck, its
 * link, and its file (export and import). Everything is kept in this browser.
 */
import { nameFrom } from '../../model/fileNames';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { formatDate } from '../../i18n';
import { hashToState, stateToHash } from '../../model/urlCodec';
import { useViewState } from '../../state/store';
import { saveFile } from '../../export/ExportMenu';
import { DeckImages } from './ImageExport';
import { removeDeck, removeView, saveDeck, useBriefing, type SavedDeck } from './briefingStore';
import { DECK_FORMAT, deckFileText, encodeDeck, readDeckFile, slideState, type Deck } from './deck';

const move = <T,>(list: readonly T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
};

/** One deck: its slides in order, and what can be done with it. */
function DeckCard({ saved }: { saved: SavedDeck }) {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const { views } = useBriefing();
  const { deck, id } = saved;
  const [copied, setCopied] = useState<string | null>(null);
  const update = (next: Deck) => saveDeck(next, id);
  const present = (i = 0) => {
    const data = encodeDeck(deck);
    const s = slideState(deck, data, i, store.get());
    store.set(s.state, 'push');
    void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  const link = (i: number) => {
    const data = encodeDeck(deck);
    const s = slideState(deck, data, i, { theme: state.theme, lang: state.lang, safe: state.safe });
    return `${location.origin}${location.pathname}${stateToHash(s.state)}`;
  };
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(`${what}:failed`);
    }
  };
  return (
    <li className="panel deck" data-testid="deck" data-deck={deck.title}>
      <div className="panel__header">
        <h3 className="panel__title">{deck.title}</h3>
        <p className="panel__units">{t('briefing.slides', { count: deck.slides.length })}</p>
      </div>
      <ol className="deck__slides">
        {deck.slides.map((s, i) => (
          <li key={`${i}-${s.title}`} className="deck__slide" data-testid="deck-slide">
            <span className="deck__slide-title">{s.title}</span>
            <span className="muted">{t(`nav.${hashToState(s.link).state.view}`)}</span>
            <span className="deck__slide-actions">
              <button
                type="button"
                className="button button--quiet"
                disabled={i === 0}
                aria-label={t('briefing.moveUp', { title: s.title })}
                onClick={() => update({ ...deck, slides: move(deck.slides, i, i - 1) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="button button--quiet"
                disabled={i === deck.slides.length - 1}
                aria-label={t('briefing.moveDown', { title: s.title })}
                onClick={() => update({ ...deck, slides: move(deck.slides, i, i + 1) })}
              >
                ↓
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('briefing.copySlideLink', { n: i + 1 })}
                onClick={() => void copy(`slide-${i}`, link(i))}
              >
                {t('briefing.slideLink')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                disabled={deck.slides.length === 1}
                aria-label={t('briefing.removeSlide', { title: s.title })}
                onClick={() => update({ ...deck, slides: deck.slides.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      {views.length > 0 && (
        <label className="field field--inline">
          <span className="field__label">{t('briefing.addSlide')}</span>
          <select
            value=""
            data-testid="deck-add"
            onChange={(e) => {
              const v = views.find((x) => x.id === e.target.value);
              if (v && deck.slides.length < 60)
                update({
                  ...deck,
                  slides: [...deck.slides, { title: v.title, note: v.note, link: v.link }],
                });
            }}
          >
            <option value="">{t('briefing.choose')}</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="button button--primary"
          data-testid="deck-present"
          onClick={() => present(0)}
        >
          {t('briefing.present')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="deck-link"
          onClick={() => void copy('deck', link(0))}
        >
          {t('briefing.copyDeckLink')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="deck-export"
          onClick={() =>
            saveFile(
              new Blob([deckFileText(deck)], { type: 'application/json' }),
              `${nameFrom(deck.title, 'deck')}.deck.json`,
            )
          }
        >
          {t('briefing.exportFile')}
        </button>
        <DeckImages deck={deck} />
        <button type="button" className="button button--quiet" onClick={() => removeDeck(id)}>
          {t('briefing.deleteDeck')}
        </button>
      </div>
      {copied && (
        <p className="muted" role="status">
          {copied.endsWith(':failed') ? t('filters.copyFailed') : t('filters.copied')}
        </p>
      )}
    </li>
  );
}

/** The view. */
export default function BriefingView() {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const { views, decks } = useBriefing();
  const [checked, setChecked] = useState<string[]>([]);
  const [deckTitle, setDeckTitle] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  const newDeck = () => {
    const slides = views
      .filter((v) => checked.includes(v.id))
      .map((v) => ({ title: v.title, note: v.note, link: v.link }));
    if (slides.length === 0) return;
    saveDeck({
      format: DECK_FORMAT,
      version: 1,
      title: deckTitle.trim() || t('briefing.untitledDeck'),
      slides,
    });
    setChecked([]);
    setDeckTitle('');
  };

  const importFile = async (file: File) => {
    const r = readDeckFile(await file.text());
    if (r.ok) {
      saveDeck(r.deck);
      setMessage(t('briefing.imported', { title: r.deck.title }));
    } else setMessage(t('briefing.importFailed', { file: file.name, error: r.error }));
  };

  return (
    <div className="view briefing">
      <section className="panel" aria-labelledby="saved-views-title">
        <div className="panel__header">
          <h2 className="panel__title" id="saved-views-title">
            {t('briefing.savedViews')}
          </h2>
          <p className="panel__units">{t('briefing.savedViewsHint')}</p>
        </div>
        {views.length === 0 ? (
          <p className="panel__empty">{t('briefing.noViews')}</p>
        ) : (
          <ul className="saved-views">
            {views.map((v) => (
              <li key={v.id} className="saved-view" data-testid="saved-view">
                <label className="saved-view__check">
                  <input
                    type="checkbox"
                    checked={checked.includes(v.id)}
                    onChange={(e) =>
                      setChecked((c) =>
                        e.target.checked ? [...c, v.id] : c.filter((x) => x !== v.id),
                      )
                    }
                  />
                  <span className="saved-view__title">{v.title}</span>
                </label>
                <span className="muted">
                  {t(`nav.${hashToState(v.link).state.view}`)} ·{' '}
                  {formatDate(v.savedAt.slice(0, 10), state.lang)}
                </span>
                {v.note && <p className="saved-view__note">{v.note}</p>}
                <span className="toolbar">
                  <a className="button button--quiet" href={v.link}>
                    {t('briefing.open')}
                  </a>
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={t('briefing.removeView', { title: v.title })}
                    onClick={() => removeView(v.id)}
                  >
                    {t('briefing.remove')}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {views.length > 0 && (
          <div className="toolbar">
            <label className="field field--inline">
              <span className="field__label">{t('briefing.deckTitle')}</span>
              <input
                data-testid="deck-title"
                value={deckTitle}
                maxLength={200}
                onChange={(e) => setDeckTitle(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="button button--primary"
              data-testid="deck-new"
              disabled={checked.length === 0}
              onClick={newDeck}
            >
              {t('briefing.newDeck', { count: checked.length })}
            </button>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="decks-title">
        <div className="panel__header">
          <h2 className="panel__title" id="decks-title">
            {t('briefing.decks')}
          </h2>
          <label className="button button--quiet file-button">
            {t('briefing.importFile')}
            <input
              type="file"
              accept=".json,application/json"
              data-testid="deck-import"
              className="visually-hidden"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importFile(f);
                e.target.value = '';
              }}
            />
          </label>
        </div>
        {message && (
          <p role="status" data-testid="deck-message">
            {message}
          </p>
        )}
        {decks.length === 0 ? (
          <p className="panel__empty">{t('briefing.noDecks')}</p>
        ) : (
          <ul className="decks">
            {decks.map((d) => (
              <DeckCard key={d.id} saved={d} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
