/**
 * The briefing-safe counts switch (in Present mode, on, off) and its threshold k, in the header;
 * and the line that says, wherever counts are protected, how they are written.
 */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../../context/AtlasContext';
import { useViewState } from '../../state/store';
import { SAFE_K_RANGE, safeThreshold, type SafeCounts } from '../../model/viewState';

const MODES: readonly SafeCounts['mode'][] = ['auto', 'on', 'off'];

/** The switch and the threshold. */
export function SafeControl() {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const set = (safe: Partial<SafeCounts>) =>
    store.set((s) => ({ ...s, safe: { ...s.safe, ...safe } }), 'push');
  return (
    <div className="safe-control" data-testid="safe-control">
      <label className="field">
        <span className="field__label">{t('safe.switch')}</span>
        <select
          value={state.safe.mode}
          data-testid="safe-mode"
          onChange={(e) => {
            const mode = MODES.find((m) => m === e.target.value);
            if (mode) set({ mode });
          }}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`safe.mode.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('safe.threshold')}</span>
        <input
          type="number"
          className="safe-control__k"
          data-testid="safe-k"
          min={SAFE_K_RANGE[0]}
          max={SAFE_K_RANGE[1]}
          value={state.safe.k}
          onChange={(e) => {
            const k = Math.round(Number(e.target.value));
            if (Number.isFinite(k) && k >= SAFE_K_RANGE[0] && k <= SAFE_K_RANGE[1]) set({ k });
          }}
        />
      </label>
    </div>
  );
}

/** "Counts under k are shown as < k…", when counts are protected. */
export function SafeNote() {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const k = safeThreshold(state);
  if (k === null) return null;
  return (
    <p className="safe-note" data-testid="safe-note">
      {t('safe.note', { k })}
    </p>
  );
}
