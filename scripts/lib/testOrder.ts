/**
 * The order Vitest starts test files in: the longest end-to-end files first, so the two workers
 * finish together (longest-processing-time first) on a clean clone too, where Vitest has no
 * durations of earlier runs to sort by. The others keep Vitest's own order.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** End-to-end files by how long they take, longest first (`npm test` prints the slowest). */
export const LONGEST_FIRST = ['a11y', 'briefing', 'import', 'map', 'sharing', 'datamodel', 'shell'];

/** Starts the files of `LONGEST_FIRST` first, in that order. */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((n) => f.moduleId.endsWith(`/e2e/${n}.test.ts`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}
