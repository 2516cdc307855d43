/** The SQL of the measures (`src/model/measures.ts`): one expression per kind of measure. */
import { measureSpec, type MeasureId } from '../model/measures';
import { quoteIdent } from './literal';
import type { SeizureSource } from './source';

/** The SQL of a measure at seizure grain, from its definition in the measure registry. */
export function measureExpr(m: MeasureId, src: SeizureSource): string {
  const of = measureSpec(m).of;
  switch (of.kind) {
    case 'seizures':
      return src.count;
    case 'firearms':
      return src.firearms;
    case 'sum':
      return sumOf(of.column);
    case 'traces':
      throw new Error(`${m} is not measured on seizures`);
  }
}

/** The sum of a seizure column over a group (0 for an empty group). */
export function sumOf(column: string): string {
  return `coalesce(sum(s.${quoteIdent(column)}), 0)`;
}
