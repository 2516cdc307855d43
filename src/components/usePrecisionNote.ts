/**
 * The caption line that says how many records a time series leaves out because they are dated
 * less precisely than its grain ("12 % of these seizures are dated to the year only…"), or null
 * when none are.
 */
import { useTranslation } from 'react-i18next';
import { useAtlas } from '../context/AtlasContext';
import { useQuery } from '../db/useQuery';
import { formatNumber, formatPercent } from '../i18n';
import { coarseDatesQuery, type CoarseDatesRow } from '../sql/source';
import { useViewState } from '../state/store';
import type { Granularity } from '../model/viewState';

/** A series' precision note, and whether it is known yet. */
export interface PrecisionNote {
  /** The caption line, or null when no record is left out (or while it is not known). */
  text: string | null;
  /**
   * Whether the note has been worked out (or needs no query): a panel can draw its chart and
   * the note in one frame, rather than the note pushing the chart's neighbours down later.
   */
  known: boolean;
}

/** The precision note of the series `client` draws at `granularity`. */
export function usePrecisionNote(granularity: Granularity, client: string): PrecisionNote {
  const { coordinator, store, model } = useAtlas();
  const state = useViewState(store);
  const { t } = useTranslation();
  const q = useQuery<CoarseDatesRow>(
    coordinator,
    granularity === 'year' ? null : coarseDatesQuery(model, state, client, granularity),
    `${client}.precision`,
  );
  const known = granularity === 'year' || q.rows !== undefined || q.error !== undefined;
  const row = q.rows?.[0];
  if (!row || row.coarse === 0 || row.total === 0) return { text: null, known };
  const text = t('precision.leftOut', {
    share: formatPercent(row.coarse / row.total, state.lang),
    count: row.coarse,
    formatted: formatNumber(row.coarse, state.lang),
    grain: t(`trends.granularity.${granularity}`).toLowerCase(),
  });
  return { text, known };
}
