/**
 * "Places: countries / subdivisions": draws route ends at their first-level subdivision where the
 * dataset knows it (a US source state, a Mexican state), or rolls them up to their country. Shown
 * only for datasets whose catalogue has places below the country.
 */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../context/AtlasContext';
import { useViewState } from '../state/store';
import { PLACE_LEVELS, isPlaceLevel, type PlaceLevel } from '../model/viewState';

/** The place level the views draw at: the state's, when the dataset has subdivisions. */
export function usePlaceLevel(): PlaceLevel {
  const { store, catalogue } = useAtlas();
  const state = useViewState(store);
  return catalogue.precision.place.includes('admin1') ? state.placeLevel : 'country';
}

/** The select; renders nothing for a dataset of countries only. */
export function PlaceLevelSelect() {
  const { store, catalogue } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  if (!catalogue.precision.place.includes('admin1')) return null;
  return (
    <label className="field field--inline">
      <span className="field__label">{t('placeLevel.label')}</span>
      <select
        data-testid="place-level"
        value={state.placeLevel}
        onChange={(e) =>
          isPlaceLevel(e.target.value) && store.set({ placeLevel: e.target.value }, 'push')
        }
      >
        {PLACE_LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`placeLevel.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
