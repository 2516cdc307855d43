/**
 * The datasets this copy of the app serves, from `data/index.json` (written next to the dataset
 * folders by the scripts that put them there). A missing or malformed index lists only the
 * dataset on screen, so the switcher never breaks the app.
 */
import { z } from 'zod';
import { isDatasetName } from '../../model/viewState';

const IndexSchema = z.object({
  datasets: z
    .array(
      z.object({
        name: z.string().refine(isDatasetName),
        title: z.string().min(1).max(200),
      }),
    )
    .max(500),
});

/** One dataset the switcher offers. */
export interface DatasetEntry {
  name: string;
  title: string;
}

/** Fetches and validates the dataset index; `current` is always in the list. */
export async function fetchDatasetIndex(current: DatasetEntry): Promise<DatasetEntry[]> {
  let list: DatasetEntry[] = [];
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}data/index.json`, { cache: 'no-cache' });
    if (res.ok) {
      const parsed = IndexSchema.safeParse(await res.json());
      if (parsed.success) list = parsed.data.datasets;
    }
  } catch {
    // Offline or absent: only the current dataset.
  }
  return list.some((d) => d.name === current.name) ? list : [current, ...list];
}
