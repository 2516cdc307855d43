/**
 * The active filters in words ("Region: Caribbean; Firearm type: Pistol; …"), or null when
 * nothing filters: every panel's caption names them, and empty states say which to relax.
 */
import { useTranslation } from 'react-i18next';
import { chipsOf } from './filterText';
import { useNames } from './useNames';
import { FIELD_IDS } from '../model/fields';
import { useViewState } from '../state/store';
import { useAtlas } from './AtlasContext';

/**
 * Summaries already worked out, per view state (a state is never changed, only replaced): every
 * panel on screen asks for the same one, and it takes a few hundred translations to write.
 */
const summaries = new WeakMap<object, { names: unknown; t: unknown; text: string | null }>();

/** The description of the active filters, or null. */
export function useFilterSummary(): string | null {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const names = useNames(state.lang);
  const known = summaries.get(state);
  if (known && known.names === names && known.t === t) return known.text;
  const chips = chipsOf(state, names, t, FIELD_IDS);
  const text = chips.length ? chips.map((c) => c.text).join('; ') : null;
  summaries.set(state, { names, t, text });
  return text;
}
