/**
 * Place resolution: the text of a cell → a country (ISO 3166-1 alpha-3) or a first-level
 * subdivision (ISO 3166-2), through the gazetteer every dataset carries (`places`,
 * `subdivisions`: names in English, Spanish, French and Portuguese) and the variants of
 * `./aliases`. Case, accents, punctuation and words such as "Department" or "Provincia de" are
 * ignored. A column is resolved as a whole: when most of its names are subdivisions of one
 * country, ambiguous ones ("Georgia", "TX") are read in that country.
 */
import {
  COUNTRY_ALIASES,
  COUNTRY_LEVEL_NAMES,
  LOCAL_UNIT_ALIASES,
  US_TERRITORIES,
} from './aliases';
import { jaroWinkler } from './similarity';
import { nameKey } from './text';

/** A country of the gazetteer. */
export interface GazetteerCountry {
  iso3: string;
  iso2: string;
  names: readonly string[];
  lat: number;
  lon: number;
}

/** A subdivision of the gazetteer. */
export interface GazetteerSubdivision {
  code: string;
  iso3: string;
  names: readonly string[];
  lat: number | null;
  lon: number | null;
}

/** The gazetteer the resolver reads. */
export interface Gazetteer {
  countries: readonly GazetteerCountry[];
  subdivisions: readonly GazetteerSubdivision[];
}

/** What a name resolved to. */
export type ResolvedPlace =
  { level: 'country'; iso3: string } | { level: 'admin1'; iso3: string; code: string };

/** A ranked guess for a name that did not resolve. */
export interface PlaceSuggestion {
  /** ISO3 or ISO 3166-2 code. */
  code: string;
  label: string;
  score: number;
}

// Words that name the kind of unit, and joining words, dropped from the loose key.
const UNIT_WORDS = new Set(
  (
    'department departamento departement dept depto province provincia provincie state estado etat ' +
    'region regiao region district distrito territory territorio territoire municipality municipio ' +
    'governorate county parish canton oblast prefecture capital federal dist prov dpto depto dept edo of de del des du da do das dos ' +
    'la le les el los the d l y e et and'
  ).split(' '),
);

/** The key without unit and joining words: "Provincia de Pichincha" → "pichincha". */
export function looseKey(key: string): string {
  return key
    .split(' ')
    .filter((w) => !UNIT_WORDS.has(w))
    .join(' ');
}

/** "Korea, Republic of" → "Republic of Korea"; "Gambia, The" → "The Gambia". */
function inverted(s: string): string | null {
  const m = s.match(/^([^,]+),\s*([^,]+)$/);
  return m ? `${m[2]} ${m[1]}` : null;
}

/** Resolves place names against a gazetteer. */
export class PlaceResolver {
  private readonly countries = new Map<string, string>();
  private readonly subdivisions = new Map<string, string[]>();
  private readonly subdivisionsLoose = new Map<string, string[]>();
  private readonly countryByIso3 = new Map<string, GazetteerCountry>();
  private readonly subdivisionByCode = new Map<string, GazetteerSubdivision>();
  private readonly localUnits = new Map<string, string>();
  private readonly territories = new Map<string, string>();
  /** Bare subdivision codes ("sp", "jal") → full codes, for columns of codes with no country. */
  private readonly subdivisionsByBareCode = new Map<string, string[]>();
  private readonly countryLevel = new Set<string>();

  constructor(readonly gazetteer: Gazetteer) {
    for (const c of gazetteer.countries) {
      this.countryByIso3.set(c.iso3, c);
      this.countries.set(c.iso3.toLowerCase(), c.iso3);
      this.countries.set(c.iso2.toLowerCase(), c.iso3);
      for (const n of c.names) this.addCountry(n, c.iso3);
    }
    for (const [n, iso3] of Object.entries(COUNTRY_ALIASES)) {
      if (this.countryByIso3.has(iso3)) this.addCountry(n, iso3);
    }
    for (const s of gazetteer.subdivisions) {
      this.subdivisionByCode.set(s.code, s);
      this.addSubdivision(s.code.toLowerCase(), s.code);
      this.addSubdivision(nameKey(s.code), s.code);
      const bare = s.code.slice(s.code.indexOf('-') + 1).toLowerCase();
      if (bare) this.addSubdivision(bare, s.code, this.subdivisionsByBareCode);
      for (const n of s.names) {
        const k = nameKey(n);
        this.addSubdivision(k, s.code);
        const loose = looseKey(k);
        if (loose) this.addSubdivision(loose, s.code, this.subdivisionsLoose);
      }
    }
    for (const [n, code] of Object.entries(LOCAL_UNIT_ALIASES)) {
      if (this.subdivisionByCode.has(code)) this.localUnits.set(nameKey(n), code);
    }
    for (const [n, iso3] of Object.entries(US_TERRITORIES)) this.territories.set(nameKey(n), iso3);
    for (const n of COUNTRY_LEVEL_NAMES) this.countryLevel.add(nameKey(n));
  }

  /**
   * True for names that stand for no subdivision but are placed at country level: "territorial
   * sea", "unknown", "sin información", "não informado", "N/D".
   */
  isCountryLevelName(text: string): boolean {
    return this.countryLevel.has(nameKey(text));
  }

  /**
   * The countries a name could be a subdivision of (by name, loose name, bare code or local
   * unit), for inferring the country of a column of subdivisions that names none.
   */
  subdivisionCountries(text: string): Set<string> {
    const key = nameKey(text);
    const out = new Set<string>();
    if (!key) return out;
    const add = (codes: readonly string[] | undefined) => {
      for (const c of codes ?? []) {
        const s = this.subdivisionByCode.get(c);
        if (s) out.add(s.iso3);
      }
    };
    add(this.subdivisions.get(key));
    add(this.subdivisionsLoose.get(looseKey(key)));
    if (/^[a-z0-9]{1,3}$/.test(key)) add(this.subdivisionsByBareCode.get(key));
    const local = this.localUnits.get(key);
    if (local) add([local]);
    return out;
  }

  /**
   * The one country most of a column's names are subdivisions of, or null: at least three names
   * and three fifths of the distinct names (not counting country-level names such as
   * "unknown") must be subdivisions of it. "SP, RJ, MG, RS…" → BRA, though "PR" and "MG" are
   * also country codes.
   */
  inferCountry(names: Iterable<string>): string | null {
    const distinct = [...new Set(names)].filter(
      (n) => n.trim() !== '' && !this.countryLevel.has(nameKey(n)),
    );
    if (distinct.length === 0) return null;
    const byCountry = new Map<string, number>();
    for (const n of distinct) {
      for (const iso3 of this.subdivisionCountries(n))
        byCountry.set(iso3, (byCountry.get(iso3) ?? 0) + 1);
    }
    const [top, second] = [...byCountry].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (!top) return null;
    const enough = top[1] >= Math.min(3, distinct.length) && top[1] >= distinct.length * 0.6;
    return enough && (!second || second[1] < top[1]) ? top[0] : null;
  }

  private addCountry(name: string, iso3: string) {
    const k = nameKey(name);
    if (!k) return;
    if (!this.countries.has(k)) this.countries.set(k, iso3);
    const inv = inverted(name);
    if (inv && !this.countries.has(nameKey(inv))) this.countries.set(nameKey(inv), iso3);
  }

  private addSubdivision(key: string, code: string, map = this.subdivisions) {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [code]);
    else if (!list.includes(code)) list.push(code);
  }

  /** The country with this ISO3 code, if the gazetteer has it. */
  country(iso3: string): GazetteerCountry | undefined {
    return this.countryByIso3.get(iso3);
  }

  /** The subdivision with this ISO 3166-2 code, if the gazetteer has it. */
  subdivision(code: string): GazetteerSubdivision | undefined {
    return this.subdivisionByCode.get(code);
  }

  /** A code the user typed or picked (ISO3 or ISO 3166-2) as a resolved place, or null. */
  fromCode(code: string): ResolvedPlace | null {
    const c = code.trim().toUpperCase();
    if (this.countryByIso3.has(c)) return { level: 'country', iso3: c };
    const s = this.subdivisionByCode.get(c);
    return s ? { level: 'admin1', iso3: s.iso3, code: s.code } : null;
  }

  /**
   * Resolves one name. `within`: the country the name is read in (a subdivision column of one
   * country), so "Georgia" is the US state there and the country elsewhere.
   */
  resolve(text: string, within?: string | null): ResolvedPlace | null {
    const raw = text.trim();
    if (!raw) return null;
    const fixed = this.fromCode(raw);
    if (fixed && /^[A-Z]{2}-[A-Z0-9]{1,3}$/i.test(raw)) return fixed;
    const key = nameKey(raw);
    const inv = inverted(raw);
    const keys = [key, ...(inv ? [nameKey(inv)] : []), key.replace(/^the /, '')];
    if (within) {
      const sub = this.subdivisionIn(keys, within);
      if (sub) return sub;
      if (this.countryLevel.has(key) && this.countryByIso3.has(within))
        return { level: 'country', iso3: within };
      if (within === 'USA') {
        const t = this.territories.get(key);
        if (t && this.countryByIso3.has(t)) return { level: 'country', iso3: t };
      }
    }
    for (const k of keys) {
      const iso3 = this.countries.get(k);
      if (iso3) return { level: 'country', iso3 };
    }
    const local = this.localUnits.get(key);
    if (local) return this.fromCode(local);
    for (const k of keys) {
      const subs = this.subdivisions.get(k);
      if (subs?.length === 1) return this.fromCode(subs[0]!);
    }
    const loose = this.subdivisionsLoose.get(looseKey(key));
    if (loose?.length === 1) return this.fromCode(loose[0]!);
    // A name in parentheses after the country: "Bolivia (Plurinational State of)".
    const bare = raw.replace(/\s*\([^)]*\)\s*$/, '');
    if (bare !== raw && bare) return this.resolve(bare, within);
    return null;
  }

  private subdivisionIn(keys: string[], iso3: string): ResolvedPlace | null {
    const prefix = `${this.countryByIso3.get(iso3)?.iso2 ?? ''}-`;
    for (const k of keys) {
      // A bare code within the country: "TX", "JAL", "DC".
      const byCode = this.subdivisionByCode.get(`${prefix}${k.toUpperCase()}`);
      if (byCode && /^[a-z0-9]{1,3}$/.test(k)) return this.fromCode(byCode.code);
      const subs = this.subdivisions.get(k)?.filter((c) => c.startsWith(prefix));
      if (subs?.length === 1) return this.fromCode(subs[0]!);
    }
    for (const k of keys) {
      const subs = this.subdivisionsLoose.get(looseKey(k))?.filter((c) => c.startsWith(prefix));
      if (subs?.length === 1) return this.fromCode(subs[0]!);
    }
    const local = this.localUnits.get(keys[0]!);
    if (local?.startsWith(prefix)) return this.fromCode(local);
    return null;
  }

  /**
   * Resolves the distinct names of a column. Returns the country most of its subdivisions are in
   * (when at least half of the resolved names are subdivisions of one country) and each name's
   * place, read in that country.
   */
  resolveColumn(
    names: Iterable<string>,
    hint?: string | null,
  ): { within: string | null; places: Map<string, ResolvedPlace | null> } {
    const distinct = [...new Set(names)].filter((n) => n.trim() !== '');
    let within = hint ?? this.inferCountry(distinct);
    if (!within) {
      const byCountry = new Map<string, number>();
      let resolved = 0;
      for (const n of distinct) {
        const p = this.resolve(n);
        if (!p) continue;
        resolved++;
        if (p.level === 'admin1') byCountry.set(p.iso3, (byCountry.get(p.iso3) ?? 0) + 1);
      }
      const [top] = [...byCountry].sort((a, b) => b[1] - a[1]);
      if (top && top[1] * 2 >= resolved) within = top[0];
    }
    const places = new Map<string, ResolvedPlace | null>();
    for (const n of distinct) places.set(n, this.resolve(n, within));
    return { within, places };
  }

  /** Up to `n` places whose names are closest to `text`, best first. */
  suggest(text: string, within?: string | null, n = 5): PlaceSuggestion[] {
    const key = nameKey(text);
    if (!key) return [];
    const best = new Map<string, PlaceSuggestion>();
    const consider = (code: string, label: string, name: string) => {
      const k = nameKey(name);
      const score = Math.max(jaroWinkler(key, k), jaroWinkler(looseKey(key), looseKey(k)));
      const prev = best.get(code);
      if (!prev || prev.score < score) best.set(code, { code, label, score });
    };
    for (const c of this.gazetteer.countries) {
      for (const name of c.names) consider(c.iso3, c.names[0] ?? c.iso3, name);
    }
    for (const [alias, iso3] of Object.entries(COUNTRY_ALIASES)) {
      const c = this.countryByIso3.get(iso3);
      if (c) consider(iso3, c.names[0] ?? iso3, alias);
    }
    for (const s of this.gazetteer.subdivisions) {
      if (within && s.iso3 !== within) continue;
      const country = this.countryByIso3.get(s.iso3)?.names[0] ?? s.iso3;
      for (const name of s.names) consider(s.code, `${s.names[0]} (${country})`, name);
    }
    return [...best.values()]
      .filter((s) => s.score >= 0.7)
      .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code))
      .slice(0, n)
      .map((s) => ({ ...s, score: Math.round(s.score * 100) / 100 }));
  }

  /** The point drawn for a place: the subdivision's, else its country's. */
  pointOf(p: ResolvedPlace): { lat: number; lon: number; precision: 'admin1' | 'country' } {
    if (p.level === 'admin1') {
      const s = this.subdivisionByCode.get(p.code);
      if (s && s.lat !== null && s.lon !== null)
        return { lat: s.lat, lon: s.lon, precision: 'admin1' };
    }
    const c = this.countryByIso3.get(p.iso3)!;
    return { lat: c.lat, lon: c.lon, precision: 'country' };
  }

  /** A place's name in English, for lists. */
  labelOf(p: ResolvedPlace): string {
    if (p.level === 'admin1') {
      const s = this.subdivisionByCode.get(p.code);
      return `${s?.names[0] ?? p.code} (${this.countryByIso3.get(p.iso3)?.names[0] ?? p.iso3})`;
    }
    return this.countryByIso3.get(p.iso3)?.names[0] ?? p.iso3;
  }
}
