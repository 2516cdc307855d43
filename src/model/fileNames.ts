/**
 * Names made from people's text: file names of exports, images, decks and recipes, and the
 * names of imported datasets. One rule everywhere: letters and digits kept, every other run of
 * characters becomes one `-`, no `-` at either end, bounded length, and a fallback when nothing
 * is left. `ascii` also folds accents and case (`Côte d’Ivoire` → `cote-d-ivoire`), for names
 * that must be plain (dataset names, export files); otherwise letters of any script are kept.
 */
export function nameFrom(
  text: string,
  fallback: string,
  { ascii = false, max = 60 }: { ascii?: boolean; max?: number } = {},
): string {
  const folded = ascii
    ? text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
    : text.normalize('NFC');
  const name = folded
    .replace(ascii ? /[^a-z0-9]+/g : /[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return name || fallback;
}
