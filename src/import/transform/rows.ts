/**
 * One row of a row-based table to its facts: the shared part (when, where, which route, which
 * firearm), and how `a/b/yyyy` dates are read.
 */
import { type BodyRow, type Layout } from '../layout';
import type { PlaceResolver } from '../places';
import type { Role } from '../../model/importRoles';
import type { Recipe } from '../recipe';
import {
  cellText,
  monthOf,
  dateOrderOf,
  excelSerialDate,
  guessLanguage,
  languageDateOrder,
  parseDate,
  parseNumber,
  type DateOrder,
} from '../text';
import type { Cell, Sheet } from '../types';
import { resolveBasis, type ArmCategory } from '../vocabulary';
import { basisOf } from './names';
import type { Lexicon, PlaceRole } from './shared';
import type { Fact, FactPrecision } from './types';

/**
 * How the `a/b/yyyy` dates of the date columns are read: the recipe's choice; else decided from
 * all the column's values (a first part over 12 means day first, a second part over 12 month
 * first); else from the file's language (month first in English, day first otherwise).
 */
export function chooseDateOrder(
  sheets: readonly Sheet[],
  layouts: readonly Layout[],
  recipe: Recipe,
): { order: DateOrder; decided: 'recipe' | 'values' | 'language'; used: boolean } {
  const values: Cell[] = [];
  const texts: string[] = [];
  layouts.forEach((l, i) => {
    texts.push(sheets[i]!.file, ...l.headers, ...l.titles);
    const cols = l.headers
      .map((h, j) => (recipe.columns[h] === 'date' ? j : -1))
      .filter((j) => j >= 0);
    for (const row of l.body) {
      for (const j of cols) values.push(row.cells[j] ?? null);
      if (texts.length < 2000)
        for (const c of row.cells) if (typeof c === 'string' && c.length < 60) texts.push(c);
    }
  });
  const used = values.some(
    (v) => typeof v === 'string' && /^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(v),
  );
  if (recipe.dateOrder !== 'auto') return { order: recipe.dateOrder, decided: 'recipe', used };
  const byValues = dateOrderOf(values);
  if (byValues.decided === 'values') return { order: byValues.order, decided: 'values', used };
  return { order: languageDateOrder(guessLanguage(texts)), decided: 'language', used };
}

export type BaseFact = Omit<
  Fact,
  'group' | 'measure' | 'value' | 'file' | 'sheet' | 'line' | 'source' | 'inTotal' | 'trace'
>;

/** A fact from a row's shared part, every property set in one order (one hidden class). */
export function copyFact(
  b: BaseFact,
  file: string,
  sheet: string | null,
  line: number,
  source: Cell[] | null,
  inTotal: boolean,
): Fact {
  return {
    group: '',
    date: b.date,
    precision: b.precision,
    country: b.country,
    admin1: b.admin1,
    district: b.district,
    lat: b.lat,
    lon: b.lon,
    origin: b.origin,
    originAdmin1: b.originAdmin1,
    destination: b.destination,
    destinationAdmin1: b.destinationAdmin1,
    transit: b.transit,
    placeOriginal: b.placeOriginal,
    basis: b.basis,
    basisOriginal: b.basisOriginal,
    trace: null,
    measure: 'seizures',
    value: 0,
    type: b.type,
    category: b.category,
    typeOriginal: b.typeOriginal,
    calibre: b.calibre,
    calibreOriginal: b.calibreOriginal,
    make: b.make,
    model: b.model,
    file,
    sheet,
    line,
    source,
    inTotal,
  };
}

/** The shared part of a row's facts: when, where, which route, which firearm. */
export function rowContext(
  row: BodyRow,
  roles: Role[],
  lexicon: Lexicon,
  resolver: PlaceResolver,
  sheetYear: number | null,
): {
  fact: BaseFact;
  key: string;
  year: number | null;
  excluded: boolean;
  /** The row names a place that did not resolve, or none where others do: kept above it. */
  unplaced: boolean;
} {
  const text = (role: Role) => {
    const j = roles.indexOf(role);
    return j >= 0 ? cellText(row.cells[j]) : '';
  };
  const cell = (role: Role): Cell => {
    const j = roles.indexOf(role);
    return j >= 0 ? (row.cells[j] ?? null) : null;
  };
  const place = (role: PlaceRole) => {
    const t = text(role);
    return t ? (lexicon.places.get(role)?.get(t) ?? null) : null;
  };
  // When
  let date: string | null = null;
  let precision: FactPrecision = 'day';
  let year: number | null = null;
  const dc = roles.includes('date') ? cell('date') : cell('sentDate');
  // A number in a date column is a spreadsheet serial date (a year stays a year).
  const d =
    typeof dc === 'number' && dc > 20_000 && dc < 60_000
      ? excelSerialDate(dc)
      : parseDate(dc, lexicon.dateOrder);
  if (d) ({ date, precision } = d);
  if (!date) {
    const yc = cell('year');
    year =
      typeof yc === 'number'
        ? yc
        : yc
          ? parseDate(yc)?.date
            ? +parseDate(yc)!.date.slice(0, 4)
            : null
          : null;
    year ??= sheetYear;
    const mc = cell('month');
    const month =
      typeof mc === 'number'
        ? mc
        : mc
          ? (monthOf(String(mc)) ?? (parseNumber(mc) as number | null))
          : null;
    const monthDate = mc ? parseDate(mc) : null;
    if (monthDate && monthDate.precision === 'month') ({ date, precision } = monthDate);
    else if (year && month && month >= 1 && month <= 12) {
      date = `${year}-${String(month).padStart(2, '0')}-01`;
      precision = 'month';
    } else if (year) {
      date = `${year}-01-01`;
      precision = 'year';
    }
  }
  // Where
  const countryPlace = place('country') ?? place('requesting');
  const admin1Place = place('admin1');
  const districtText = text('district');
  const districtPlace = place('district');
  const fromRow = countryPlace?.iso3 ?? admin1Place?.iso3 ?? districtPlace?.iso3 ?? null;
  let iso3 = fromRow ?? lexicon.recipeCountry;
  let admin1 =
    (admin1Place?.level === 'admin1' ? admin1Place.code : null) ??
    (countryPlace?.level === 'admin1' ? countryPlace.code : null) ??
    (districtPlace?.level === 'admin1' ? districtPlace.code : null);
  const origin = place('origin');
  const destination = place('destination');
  if (!iso3 && destination) {
    iso3 = destination.iso3;
    admin1 = destination.level === 'admin1' ? destination.code : null;
  }
  if (!iso3 && origin && !roles.includes('destination')) {
    iso3 = origin.iso3;
  }
  // A place as written that did not resolve to its level ("Atlantis", "Mar territorial", a blank
  // state where others have one): the row is kept at the country (or unknown) and says so.
  let placeOriginal: string | null = null;
  let unplaced = false;
  for (const role of ['admin1', 'country', 'destination'] as const) {
    const t = text(role);
    const p = place(role);
    if (t && (!p || (role === 'admin1' && p.level !== 'admin1' && !countryPlace))) {
      placeOriginal = t;
      unplaced = true;
      break;
    }
  }
  if (!fromRow && iso3 && iso3 === lexicon.recipeCountry && !roles.includes('admin1')) {
    // The subdivision the whole file is about (named in its title or name), below which its
    // districts or precincts are kept as an attribute.
    admin1 = lexicon.fallbackAdmin1;
  }
  if (!iso3) {
    iso3 = lexicon.fallbackCountry;
    if (roles.some((r) => r === 'country' || r === 'admin1' || r === 'destination'))
      unplaced = true;
  } else if (!fromRow && roles.some((r) => r === 'country' || r === 'admin1')) {
    unplaced = true;
  } else if (!admin1 && roles.includes('admin1') && !text('admin1')) {
    unplaced = true;
  }
  if (admin1 && iso3 && !admin1.startsWith(resolver.country(iso3)?.iso2 ?? '??')) admin1 = null;
  const point = iso3
    ? resolver.pointOf(
        admin1 ? { level: 'admin1', iso3, code: admin1 } : { level: 'country', iso3 },
      )
    : null;
  const lat = parseNumber(cell('lat'));
  const lon = parseNumber(cell('lon'));
  const transit = text('transit')
    .split(/[;>|,→]+/)
    .map((t) => lexicon.places.get('transit')?.get(t.trim())?.iso3)
    .filter((x): x is string => !!x);
  // What
  const typeText = text('firearmType') || text('category');
  const resolvedType = typeText ? lexicon.types.get(typeText) : null;
  const calibreText = text('calibre');
  const ownPoint = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  // The occurrence: its own column, else an indicator that names one ("Arms surrendered").
  const indicatorText = text('indicator');
  const basisText =
    text('basis') || (indicatorText && resolveBasis(indicatorText) ? indicatorText : '');
  const fact: BaseFact = {
    date: date ?? '',
    precision: date ? precision : 'unknown',
    country: iso3,
    admin1,
    district: districtText || null,
    lat: ownPoint ? lat : (point?.lat ?? null),
    lon: ownPoint ? lon : (point?.lon ?? null),
    origin: origin?.iso3 ?? null,
    originAdmin1: origin?.level === 'admin1' ? origin.code : null,
    destination: destination?.iso3 ?? (origin ? iso3 : null),
    destinationAdmin1:
      destination?.level === 'admin1'
        ? destination.code
        : destination
          ? null
          : origin
            ? admin1
            : null,
    transit,
    type: resolvedType && resolvedType !== 'excluded' ? resolvedType.type : null,
    category:
      resolvedType && resolvedType !== 'excluded'
        ? resolvedType.category
        : ('firearm' as ArmCategory),
    typeOriginal: typeText || null,
    calibre: calibreText ? (lexicon.calibres.get(calibreText) ?? calibreText) : null,
    calibreOriginal: calibreText || null,
    make: text('make') || null,
    model: text('model') || null,
    placeOriginal,
    basis: basisText ? basisOf(lexicon, basisText) : 'seized',
    basisOriginal: basisText || null,
  };
  const key = [
    fact.basisOriginal,
    placeOriginal,
    iso3,
    admin1,
    fact.district,
    fact.origin,
    fact.originAdmin1,
    fact.destination,
    fact.destinationAdmin1,
    transit.join('>'),
  ].join('|');
  return { fact, key, year, excluded: resolvedType === 'excluded', unplaced };
}
