/**
 * Queries behind the Overview: a monthly series and the leading routes and countries.
 */
import type { SqlQuery } from './types';

/** One month of the overview series. */
export interface MonthlyRow {
  month: string;
  seizures: number;
  firearms: number;
}

/** Seizures and firearms per calendar month (month as `YYYY-MM`), oldest first. */
export function monthlySeriesQuery(): SqlQuery {
  return {
    sql: `
SELECT
  strftime(date_trunc('month', seizure_date), '%Y-%m') AS month,
  count(*)::BIGINT AS seizures,
  coalesce(sum(firearms_count), 0)::BIGINT AS firearms
FROM seizures
GROUP BY 1
ORDER BY 1`,
    params: [],
  };
}

/** One origin → destination pair with its weight. */
export interface RouteRow {
  origin: string;
  destination: string;
  originName: string;
  destinationName: string;
  seizures: number;
  firearms: number;
}

/**
 * The top `limit` suspected origin → intended destination pairs by firearms, excluding seizures
 * whose origin is unknown or domestic. Country names come from `places` in the given language.
 */
export function topRoutesQuery(limit: number, lang: string): SqlQuery {
  const nameCol = placeNameColumn(lang);
  return {
    sql: `
SELECT
  s.origin_iso3 AS origin,
  s.destination_iso3 AS destination,
  coalesce(po.${nameCol}, s.origin_iso3) AS "originName",
  coalesce(pd.${nameCol}, s.destination_iso3) AS "destinationName",
  count(*)::BIGINT AS seizures,
  coalesce(sum(s.firearms_count), 0)::BIGINT AS firearms
FROM seizures s
LEFT JOIN places po ON po.iso3 = s.origin_iso3
LEFT JOIN places pd ON pd.iso3 = s.destination_iso3
WHERE s.origin_iso3 IS NOT NULL
  AND s.destination_iso3 IS NOT NULL
  AND s.origin_iso3 <> s.destination_iso3
GROUP BY ALL
ORDER BY firearms DESC, origin, destination
LIMIT ?`,
    params: [Math.max(1, Math.floor(limit))],
  };
}

/** One seizing country with its totals. */
export interface CountryRow {
  iso3: string;
  name: string;
  seizures: number;
  firearms: number;
}

/** The top `limit` seizing countries by firearms. */
export function topCountriesQuery(limit: number, lang: string): SqlQuery {
  const nameCol = placeNameColumn(lang);
  return {
    sql: `
SELECT
  s.country_iso3 AS iso3,
  coalesce(p.${nameCol}, s.country_iso3) AS name,
  count(*)::BIGINT AS seizures,
  coalesce(sum(s.firearms_count), 0)::BIGINT AS firearms
FROM seizures s
LEFT JOIN places p ON p.iso3 = s.country_iso3
GROUP BY ALL
ORDER BY firearms DESC, iso3
LIMIT ?`,
    params: [Math.max(1, Math.floor(limit))],
  };
}

const NAME_COLUMNS: Record<string, string> = {
  en: 'name_en',
  es: 'name_es',
  fr: 'name_fr',
  pt: 'name_pt',
};

/** The `places` column holding country names in a language (English when unknown). */
export function placeNameColumn(lang: string): string {
  return NAME_COLUMNS[lang] ?? 'name_en';
}
