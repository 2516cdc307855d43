/** Country and operation names in the current language, from the dataset. */
import { useMemo } from 'react';
import { useAtlas } from './AtlasContext';
import { useQuery } from '../db/useQuery';
import { namesQuery, type NameRow } from '../sql/facets';
import type { FieldId } from '../model/fields';
import type { Names } from './filterText';

/** The names, empty until loaded. */
export function useNames(lang: string): Names {
  const { coordinator, catalogue } = useAtlas();
  const { rows } = useQuery<NameRow>(coordinator, namesQuery(lang), 'names');
  return useMemo(() => {
    const iso3 = new Map<string, string>();
    const operation = new Map<string, string>();
    for (const r of rows ?? []) (r.kind === 'iso3' ? iso3 : operation).set(r.key, r.name);
    const fields = new Map(Object.entries(catalogue.labels ?? {})) as Map<FieldId, string>;
    return { iso3, operation, fields };
  }, [rows, catalogue]);
}
