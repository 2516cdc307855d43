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

/** The description of the active filters, or null. */
export function useFilterSummary(): string | null {
  const { store } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const names = useNames(state.lang);
  const chips = chipsOf(state, names, t, FIELD_IDS);
  return chips.length ? chips.map((c) => c.text).join('; ') : null;
}
