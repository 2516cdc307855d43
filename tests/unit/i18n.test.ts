/**
 * The translations are complete, consistent and all used, and no user-visible text bypasses them.
 *
 * What is checked (one `it` each):
 * - every key the code uses exists in en.json: literal keys in `t(...)` / `i18next.t(...)` (through
 *   `?:`, `??`, `||`, and variables fed to `t`), `i18nKey="..."`, and key-like literals assigned to
 *   a `…Key` variable or property; a plural base `x` exists when `x_one`/`x_other` do; a template key
 *   in a `t(...)` call must match at least one key;
 * - every registered language has exactly the English keys: the same plain keys, and for each plural
 *   base exactly the categories of `new Intl.PluralRules(lang)` (no fewer, no extra);
 * - every key has the same `{{placeholder}}` set in every language (`_many` compares with `_other`
 *   when English has no `_many`);
 * - no string is empty, no object is empty, and every leaf is a string;
 * - dynamic key patterns are anchored: their static head names at least a top-level namespace;
 * - every English key is used by the code (unused keys are listed);
 * - no `src/**\/*.tsx` shows a hard-coded string: JSX text with a letter, a literal (or template,
 *   or `?:` branch) with a letter in a visible attribute (`title`, `aria-label`, `alt`,
 *   `placeholder`, `aria-description`, `label`, `aria-roledescription`, `aria-valuetext`) or
 *   directly as a JSX child (`{'Hello'}`), save a short allowlist of non-words;
 * - `t(key, { count })` uses a plural key, a plural key is not used without `count`, and no plain
 *   English string says "{{n}} things" (that is how "1 records" happens).
 *
 * How dynamic keys are treated: a template literal in a translation position, such as
 * t(`views.missing.${x}`), or a template assigned to a `…Key` name (`adviceKey =
 * \`fatal.advice.${kind}\``), becomes a full-match pattern: its static parts literally and each
 * `${…}` as "one or more characters" (so t(`traces.${ns}.${k}`) covers `traces.a.b`, not
 * `traces.a`). A key (or plural base) is used when a pattern matches it, or when the exact key
 * string appears as a string literal anywhere in src (keys passed around as values, such as
 * `'filters.countSeizures'`). Templates elsewhere (query ids like `patterns.${field}`) do not
 * count. A pattern whose head does not pin a top-level namespace (`${ns}.title`, `x${y}`) fails,
 * since it could hide any key. The patterns found are printed with `console.info`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../src/i18n';
import {
  type DynamicKey,
  flattenLocale,
  placeholders,
  pluralStructure,
  scanSource,
  splitPlural,
} from '../helpers/i18nScan';

/**
 * Letter-bearing strings that are not words in any language, so need no translation. Keep short;
 * a reason for each.
 */
const HARD_CODED_ALLOWED: Readonly<Record<string, string>> = {
  // Placeholder of the ISO country-code input: an example code, the same in every language.
  MEX: 'ISO 3166-1 alpha-3 example code',
  // Placeholder of the place-code input: names of the two ISO code formats it accepts.
  'ISO3 / ISO 3166-2': 'names of ISO standards',
};

/**
 * Plain (non-plural) English keys allowed to match "{{x}} words": the placeholder is never 1, or
 * the word after it is not a plural noun.
 */
const NUMBER_NOUN_ALLOWED: Readonly<Record<string, string>> = {
  'placeholder.title': '"{{view}} is on its way": "is" is a verb, not a plural noun',
  'briefing.importFailed': '"{{file}} is not a deck file": "is" is a verb, not a plural noun',
  'import.anon.saltShort': 'filled from MIN_SALT (8), never 1: see src/features/import',
  'trends.surgeRule':
    'filled from the constant SURGE_RULE (window 6, sdFactor 2), never 1: see src/sql/trends.ts',
};

const NUMBER_NOUN = /\{\{\w+\}\}\s+\p{L}+s\b/u;

const SRC = 'src';
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(p) && !p.endsWith('.d.ts') ? [p] : [];
  });

const languages = Object.keys(RESOURCES) as (keyof typeof RESOURCES)[];
const flat = Object.fromEntries(
  languages.map((l) => [l, flattenLocale(RESOURCES[l].translation)]),
) as Record<(typeof languages)[number], ReturnType<typeof flattenLocale>>;
const en = flat.en.strings;
const enStructure = pluralStructure(en.keys());
const enBases = new Set(enStructure.plurals.keys());
/** What code can refer to: plain keys and plural bases. */
const enUnits = [...enStructure.plain, ...enBases].sort();
const present = (k: string) => enStructure.plain.has(k) || enBases.has(k);
const namespaces = new Set(Object.keys(RESOURCES.en.translation));

const files = sourceFiles(SRC).sort();
const scans = files.map((f) =>
  scanSource(relative('.', f).split('\\').join('/'), readFileSync(f, 'utf8'), namespaces),
);
const calls = scans.flatMap((s) => s.calls);
const literals = new Set(scans.flatMap((s) => [...s.literals]));
const at = (w: { file: string; line: number }) => `${w.file}:${w.line}`;

/** Every dynamic key pattern: in `t(...)` calls (directly or via a variable) or `…Key` names. */
const patterns: DynamicKey[] = (() => {
  const seen = new Map<string, DynamicKey>();
  for (const d of [...calls.flatMap((c) => c.dynamic), ...scans.flatMap((s) => s.dynamic)])
    seen.set(`${at(d)} ${d.text}`, d);
  return [...seen.values()];
})();
const matches = (d: DynamicKey) => enUnits.filter((k) => d.regex.test(k));
const anchored = (d: DynamicKey) => d.head.includes('.') && namespaces.has(d.head.split('.')[0]!);

describe('i18n', () => {
  it('scans the sources it should (guard against a scanner that silently finds nothing)', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'es', 'fr', 'pt']));
    expect(files.filter((f) => f.endsWith('.tsx')).length).toBeGreaterThan(20);
    expect(calls.length).toBeGreaterThan(100);
    const probe = scanSource(
      'probe.tsx',
      [
        `const k = cond ? 'a.one' : 'a.two';`,
        `const labelKey = \`a.\${x}\`;`,
        `export const C = () => (<p title="Hello" className="x-y" data-a="Word">`,
        `  Some text {'Literal'} {n > 1 && \`\${n} rows\`} {t(k, { count: 2 })} × →`,
        `  <i aria-label={ok ? 'Fine' : t('a.b')} /> {i18next.t(\`a.b.\${y}\`)}</p>);`,
      ].join('\n'),
      new Set(['a']),
    );
    expect(probe.hardCoded.map((h) => `${h.kind}: ${h.text}`)).toEqual([
      'attribute title: Hello',
      'text: Some text',
      'expression: Literal',
      'expression: ${…} rows',
      'attribute aria-label: Fine',
    ]);
    expect(probe.calls.map((c) => [c.keys, c.dynamic.map((d) => d.head), c.hasCount])).toEqual([
      [['a.one', 'a.two'], [], true],
      [['a.b'], [], false],
      [[], ['a.b.'], false],
    ]);
    expect(probe.dynamic.map((d) => d.head)).toEqual(['a.']);
  });

  it('has every key the code uses in en.json', () => {
    const offenders: string[] = [];
    const check = (key: string, where: string) => {
      if (present(key)) return;
      const subtree = enUnits.some((k) => k.startsWith(`${key}.`));
      offenders.push(`${where}: "${key}" ${subtree ? 'is an object, not a string' : 'is missing'}`);
    };
    for (const c of calls) for (const k of c.keys) check(k, at(c));
    for (const s of scans) for (const k of s.otherKeys) check(k.key, at(k));
    for (const d of patterns)
      if (anchored(d) && matches(d).length === 0)
        offenders.push(`${at(d)}: ${d.text} matches no key`);
    const unresolved = calls.filter((c) => c.unresolved.length > 0);
    if (unresolved.length)
      console.info(
        `t(...) arguments not checkable statically (their keys count as used only as literals):\n${unresolved
          .map((c) => `  ${at(c)}: ${c.unresolved.join(', ')}`)
          .join('\n')}`,
      );
    expect(offenders, 'keys used in src but absent from en.json').toEqual([]);
  });

  it('has exactly the English keys in every language, with its own plural categories', () => {
    const offenders: string[] = [];
    for (const lang of languages) {
      const { plain, plurals } = pluralStructure(flat[lang].strings.keys(), enBases);
      const wanted = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
      for (const k of enStructure.plain)
        if (!plain.has(k))
          offenders.push(
            `${lang}: "${k}" ${plurals.has(k) ? 'is plural in en, not here' : 'missing'}`,
          );
      for (const k of plain)
        if (!enStructure.plain.has(k) && !enBases.has(k))
          offenders.push(`${lang}: "${k}" not in en`);
      for (const b of enBases)
        if (!plurals.has(b)) offenders.push(`${lang}: plural "${b}_*" missing`);
      for (const [b, cats] of plurals) {
        if (!enBases.has(b)) offenders.push(`${lang}: plural "${b}_*" not in en`);
        if (plain.has(b)) offenders.push(`${lang}: "${b}" is both a plain key and a plural base`);
        for (const c of wanted) if (!cats.has(c)) offenders.push(`${lang}: "${b}_${c}" missing`);
        for (const c of cats)
          if (!wanted.has(c as Intl.LDMLPluralRule))
            offenders.push(`${lang}: "${b}_${c}" is not a plural category of ${lang}`);
      }
    }
    expect(offenders, 'locale keys out of step with en.json').toEqual([]);
  });

  it('has the same {{placeholders}} for every key in every language', () => {
    const offenders: string[] = [];
    const show = (s: Set<string>) => `{${[...s].sort().join(', ')}}`;
    for (const lang of languages) {
      if (lang === 'en') continue;
      for (const [k, v] of flat[lang].strings) {
        const p = splitPlural(k);
        const ref = en.has(k) ? k : p && enBases.has(p.base) ? `${p.base}_other` : undefined;
        const enText = ref === undefined ? undefined : en.get(ref);
        if (enText === undefined) continue; // reported by the key check
        const mine = placeholders(v);
        const theirs = placeholders(enText);
        if (show(mine) !== show(theirs))
          offenders.push(`${lang}: "${k}" has ${show(mine)}, en "${ref}" has ${show(theirs)}`);
      }
    }
    expect(offenders, 'placeholders differ from en.json').toEqual([]);
  });

  it('has no empty strings, empty objects or non-string values', () => {
    const offenders: string[] = [];
    for (const lang of languages) {
      for (const [k, v] of flat[lang].strings)
        if (!v.trim()) offenders.push(`${lang}: "${k}" is empty`);
      for (const k of flat[lang].invalid) offenders.push(`${lang}: ${k}, not a string`);
    }
    expect(offenders, 'empty or non-string translations').toEqual([]);
  });

  it('builds dynamic keys only from prefixes that pin a namespace', () => {
    const byHead = new Map<string, string[]>();
    for (const d of patterns) byHead.set(d.head, [...(byHead.get(d.head) ?? []), at(d)]);
    console.info(
      `Dynamic key prefixes (pattern → keys covered):\n${[...byHead]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([head, where]) => {
          const covered = new Set(patterns.filter((d) => d.head === head).flatMap(matches));
          return `  ${JSON.stringify(head)} → ${covered.size}  (${where.join(', ')})`;
        })
        .join('\n')}`,
    );
    const offenders = patterns
      .filter((d) => !anchored(d) || matches(d).length === enUnits.length)
      .map((d) => `${at(d)}: ${d.text} (prefix ${JSON.stringify(d.head)} could be any key)`);
    expect(offenders, 'dynamic keys too broad to check').toEqual([]);
  });

  it('uses every key of en.json', () => {
    const isLiteral = (k: string) =>
      literals.has(k) ||
      (enBases.has(k) && [...enStructure.plurals.get(k)!].some((c) => literals.has(`${k}_${c}`)));
    const live = patterns.filter(anchored);
    const unused = enUnits.filter((k) => !isLiteral(k) && !live.some((d) => d.regex.test(k)));
    expect(unused, `${unused.length} keys of en.json used nowhere in src`).toEqual([]);
  });

  it('shows no hard-coded user-visible strings in TSX', () => {
    const offenders = scans
      .flatMap((s) => s.hardCoded)
      .filter((h) => !(h.text in HARD_CODED_ALLOWED))
      .map((h) => `${at(h)} ${h.kind}: ${JSON.stringify(h.text)}`);
    expect(offenders, 'hard-coded strings (use t())').toEqual([]);
  });

  it('uses plural keys with count, and only there', () => {
    const offenders: string[] = [];
    for (const c of calls) {
      if (c.hasCount === true) {
        for (const k of c.keys)
          if (present(k) && !enBases.has(k))
            offenders.push(`${at(c)}: t('${k}', { count }) but "${k}" has no _one/_other`);
        for (const d of c.dynamic)
          for (const k of matches(d))
            if (!enBases.has(k))
              offenders.push(`${at(c)}: ${d.text} with count covers "${k}", not plural`);
      } else if (c.hasCount === false) {
        for (const k of c.keys)
          if (enBases.has(k) && !enStructure.plain.has(k))
            offenders.push(`${at(c)}: plural "${k}" used without count`);
      }
    }
    for (const [k, v] of en)
      if (enStructure.plain.has(k) && !(k in NUMBER_NOUN_ALLOWED) && NUMBER_NOUN.test(v))
        offenders.push(`en "${k}" = ${JSON.stringify(v)} counts things without plural forms`);
    expect(offenders, 'counts without plural keys').toEqual([]);
  });
});
