/**
 * Detection: a first reading of a file's layout, proposed to the user as a recipe they can
 * change. It looks at the header texts (in English, Spanish, French and Portuguese) and at the
 * values (dates, numbers, place names, firearm types) of the first rows of each column.
 */
import { readLayout, type Layout } from './layout';
import { matrixLabelColumn } from './transform';
import type { PlaceResolver } from './places';
import type { Role } from '../model/importRoles';
import { makeRecipe, type Recipe, type Shape } from './recipe';
import {
  cellText,
  isBlank,
  isTotalLabel,
  monthOf,
  nameKey,
  parseDate,
  parseNumber,
  guessLanguage,
  yearIn,
} from './text';
import type { Sheet } from './types';
import { resolveBasis, resolveCalibre, resolveFirearmType } from './vocabulary';

/** What the first rows of a column hold. */
export interface ColumnProfile {
  header: string;
  filled: number;
  numeric: number;
  dates: number;
  years: number;
  places: number;
  subdivisions: number;
  types: number;
  /** Values that name an occurrence type (seizure, surrender, theft…). */
  bases: number;
  /** Numbers that read as spreadsheet serial dates (20000–60000: 1954–2064). */
  serials: number;
  distinct: number;
  samples: string[];
}

const HEADER_ROLES: [RegExp, Role][] = [
  [/^(lat|latitude|latitud)$/, 'lat'],
  [/^(lon|lng|long|longitude|longitud)$/, 'lon'],
  [/seizure id|incident id|case id|caso|affaire|id incautacion|no caso/, 'seizureId'],
  // Trace requests: who asked whom, when, and what came of it.
  [/requesting|solicitante|requerente|demandeur|requester|pays demandeur/, 'requesting'],
  [/requested|requerido|requis|pais consultado|destinatario/, 'requested'],
  [
    /^(date|fecha|data)( of| de| do| da)? (request|sent|solicitud|envio|pedido|demande|envoi)|^(sent|request) date|^date sent|^fecha (de )?envio/,
    'sentDate',
  ],
  [
    /^(date|fecha|data)( of| de| do| da)? (answer|reply|response|respuesta|resposta|reponse)|^(answer|answered|reply|response) date|^date answered/,
    'answeredDate',
  ],
  [
    /^(outcome|result|resultado|resultat|trace result|trace outcome|trace status|resultado del rastreo|resultado da rastreabilidade|resultat du tracage)$/,
    'outcome',
  ],
  // "ANO_OCORRENCIA", "MES_OCORRENCIA": the year and month of the occurrence, not its type.
  [
    /^(year|ano|anio|annee|yr)( (de |da |do |del |of )?(ocorrencia|ocurrencia|occurrence|seizure|incautacion|apreensao|saisie|hecho|evento|event|incident|registro|fato|fecha|data))?$/,
    'year',
  ],
  [
    /^(month|mes|mois)( (de |da |do |del |of )?(ocorrencia|ocurrencia|occurrence|seizure|incautacion|apreensao|saisie|hecho|evento|event|incident|registro|fato|fecha|data))?$/,
    'month',
  ],
  [
    /ocorrencia|occurrence|ocurrencia|event type|incident type|tipo de evento|tipo de hecho|tipo de incidente|type d evenement|nature de l|^motivo|^basis$|^situacao$|^situacion$/,
    'basis',
  ],
  [/indicator|indicador|indicateur|series|serie/, 'indicator'],
  [/^dimension|^dimensi/, 'dimension'],
  [/category|categoria|categorie|breakdown|desagregacion/, 'category'],
  [/^(section|seccion|table|tabla|tableau|part|parte|sub table)$/, 'section'],
  [
    /^(unit|units|unit of measure(ment)?|unidad( de medida)?|unite( de mesure)?|unidade( de medida)?)$/,
    'unit',
  ],
  [/transit|transito/, 'transit'],
  [
    /origin|origen|provenance|procedencia|source state|source country|^source$|fuente de origen|pays d origine|pais de origem/,
    'origin',
  ],
  [/destination|destino|recovery|recuperacion|recovered|recupere/, 'destination'],
  [/calib|caliber/, 'calibre'],
  [
    /^(make|marca|marque|manufacturer|fabricante|fabricant|brand)( (arma|de arma|del arma|da arma|de l arme|of firearm))?$/,
    'make',
  ],
  [/^(model|modelo|modele)( (arma|de arma|del arma|da arma|de l arme|of firearm))?$/, 'model'],
  [
    /weapon type|firearm type|type of (fire)?arm|tipo de arma|type d arme|^tipo$|^type$|^arma$|^arme$|^weapon$/,
    'firearmType',
  ],
  [
    /^(date|fecha|data|date of seizure|fecha de incautacion|date de saisie|data da apreensao|seizure date)$/,
    'date',
  ],
  [
    /district|distrito|municipio|municipality|comuna|commune|canton|localidad|city|ciudad|ville|cidade|police area|delegacia|precinct|comisaria|commissariat|circunscripcion|cisp|aisp|dependencia policial/,
    'district',
  ],
  [
    /state|estado|province|provincia|departamento|department|departement|region|etat|admin ?1|subdivision|uf$/,
    'admin1',
  ],
  [/country|pais|pays|nation|iso3|iso 3|iso code|reporting|territory|territorio/, 'country'],
  [/seizures|incautaciones|saisies|apreensoes|cases/, 'seizureCount'],
  [
    /count|number|numero|nombre|cantidad|quantity|qty|firearms|armas|armes|^value$|^valor$|^valeur$|^n$|^total$|^obs value$/,
    'count',
  ],
];

/** The role a header text suggests, or null. */
export function roleFromHeader(header: string): Role | null {
  const k = nameKey(header);
  for (const [re, role] of HEADER_ROLES) if (re.test(k)) return role;
  return null;
}

/** Profiles the first rows of each column of a layout. */
export function profileColumns(
  layout: Layout,
  resolver: PlaceResolver,
  rows = 300,
): ColumnProfile[] {
  const body = layout.body.slice(0, rows);
  return layout.headers.map((header, j) => {
    const values = body.map((r) => r.cells[j]).filter((c) => !isBlank(c));
    const texts = values.map(cellText);
    const distinct = [...new Set(texts)];
    const { places } = resolver.resolveColumn(distinct.slice(0, 200));
    let placeCount = 0;
    let subCount = 0;
    for (const t of texts) {
      const p = places.get(t);
      if (p) {
        placeCount++;
        if (p.level === 'admin1') subCount++;
      }
    }
    return {
      header,
      filled: values.length,
      numeric: values.filter((c) => parseNumber(c) !== null).length,
      dates: values.filter((c) => {
        const d = parseDate(c);
        return d !== null && d.precision !== 'year';
      }).length,
      years: values.filter((c) => parseDate(c)?.precision === 'year').length,
      places: placeCount,
      subdivisions: subCount,
      types: texts.filter((t) => resolveFirearmType(t) !== null).length,
      bases: texts.filter((t) => resolveBasis(t) !== null).length,
      serials: values.filter((c) => typeof c === 'number' && c > 20_000 && c < 60_000).length,
      distinct: distinct.length,
      samples: distinct.slice(0, 5),
    };
  });
}

const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

/** The role of a column from its header and values. */
function guessRole(p: ColumnProfile): Role {
  const byHeader = roleFromHeader(p.header);
  const numeric = share(p.numeric, p.filled) > 0.9;
  if (byHeader === 'year' || (share(p.years, p.filled) > 0.9 && !byHeader)) return 'year';
  // Dates win over a header that names something else ("Date recovered", "Fecha incautación"),
  // and a column headed as a date of spreadsheet serial numbers is one.
  const dateHeader = /\b(date|fecha|data|dia|jour)\b/.test(nameKey(p.header));
  const datey = share(p.dates, p.filled) > 0.8 || (dateHeader && share(p.serials, p.filled) > 0.8);
  if (
    datey &&
    byHeader !== 'date' &&
    byHeader !== 'sentDate' &&
    byHeader !== 'answeredDate' &&
    byHeader !== 'month'
  )
    return 'date';
  if (byHeader === 'count' || byHeader === 'seizureCount')
    return numeric || p.filled === 0 ? byHeader : 'ignore';
  // A place header over values that are not places ("Region: Americas", "Source: IAFQ").
  const placeRole =
    byHeader === 'country' ||
    byHeader === 'admin1' ||
    byHeader === 'origin' ||
    byHeader === 'destination' ||
    byHeader === 'transit';
  if (placeRole && share(p.places, p.filled) < 0.5) return 'ignore';
  // Indicator, dimension, category and section columns hold a few repeated values; a column
  // named "Serie" full of serial numbers is not one.
  const grouping =
    byHeader === 'indicator' ||
    byHeader === 'dimension' ||
    byHeader === 'category' ||
    byHeader === 'section';
  if (grouping && p.distinct > Math.max(50, p.filled * 0.5)) return 'ignore';
  if (byHeader) return byHeader;
  if (share(p.dates, p.filled) > 0.8) return 'date';
  if (share(p.places, p.filled) > 0.7)
    return share(p.subdivisions, p.places) > 0.5 ? 'admin1' : 'country';
  if (share(p.types, p.filled) > 0.5) return 'firearmType';
  if (share(p.bases, p.filled) > 0.8 && p.distinct <= 40 && p.distinct >= 2) return 'basis';
  return 'ignore';
}

/** What detection found, beside the recipe. */
export interface Proposal {
  recipe: Recipe;
  /** Why the shape was chosen, in a sentence. */
  reason: string;
  layouts: Layout[];
}

/**
 * A place named in a file's name, sheet name or titles: a country, or — for files of districts
 * or precincts whose state is named only there ("…_RJ_…", "Rio de Janeiro") — a subdivision.
 * Returns its code (ISO3 or ISO 3166-2), or null.
 */
export function placeInContext(
  context: string,
  resolver: PlaceResolver,
  subdivisions: boolean,
  headers: readonly string[] = [],
): string | null {
  const words = context.split(/[^A-Za-zÀ-ÿ]+/).filter(Boolean);
  // Longest runs of words first: "New Mexico" is a state before "Mexico" is a country, "Rio de
  // Janeiro" before "Rio". A single word names a subdivision only in a file of districts.
  for (let n = 4; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const gram = words.slice(i, i + n).join(' ');
      if (gram.length < 4) continue;
      const p = resolver.resolve(gram);
      if (p?.level === 'country' && n <= 3) return p.iso3;
      if (p?.level === 'admin1' && (n > 1 || subdivisions)) return p.code;
    }
  }
  if (!subdivisions) return null;
  // Bare state codes in a Portuguese-language file name ("apreensoes_RJ_2019"): Brazil's.
  if (guessLanguage([...words, ...headers]) === 'pt') {
    for (const w of words) {
      if (/^[A-Z]{2}$/.test(w)) {
        const p = resolver.resolve(w, 'BRA');
        if (p?.level === 'admin1') return p.code;
      }
    }
  }
  return null;
}

/** Labels of a header row that name places (the columns of a matrix), total columns apart. */
function placeShare(labels: string[], resolver: PlaceResolver): number {
  const named = labels.filter((l) => l && !isTotalLabel(l));
  if (named.length < 3) return 0;
  const { places } = resolver.resolveColumn(named);
  return share(named.filter((l) => places.get(l)).length, named.length);
}

/**
 * Proposes a recipe for a set of sheets (of one series: the first one's layout leads): the shape,
 * each column's role, where the year comes from, and for a matrix the direction, read from the
 * words around it ("source", "recovery", "origin").
 */
export function propose(sheets: readonly Sheet[], resolver: PlaceResolver): Proposal {
  let proposal = proposeLayout(sheets, resolver);
  // Files of a series whose first one is not recognised (an odd year): another one leads.
  if (proposal.recipe.shape === 'events' && new Set(sheets.map((s) => s.file)).size > 1) {
    for (let i = 1; i < Math.min(sheets.length, 12); i++) {
      const other = proposeLayout([sheets[i]!], resolver);
      if (other.recipe.shape === 'matrix' || other.recipe.shape === 'wide') {
        proposal = { ...other, layouts: proposal.layouts };
        break;
      }
    }
  }
  // A workbook whose other sheets have another layout (vehicles, drugs beside the firearms):
  // only the sheets laid out like the first one are read. (Files of a series are all read: a
  // year written by postal code is still the same series.)
  const lead = new Set(proposal.layouts[0]!.headers.map((h) => h.trim().toLowerCase()));
  const alike = sheets.filter((_, i) => {
    const headers = proposal.layouts[i]!.headers;
    const hits = headers.filter((h) => lead.has(h.trim().toLowerCase())).length;
    return i === 0 || hits >= Math.max(1, Math.min(headers.length, lead.size) * 0.6);
  });
  const oneFile = sheets.every((s) => s.file === sheets[0]!.file);
  if (oneFile && alike.length < sheets.length && alike.every((s) => s.sheet !== null)) {
    proposal.recipe = { ...proposal.recipe, sheets: alike.map((s) => s.sheet!) };
  }
  return proposal;
}

/** The recipe of the first sheet's layout (see `propose`). */
function proposeLayout(sheets: readonly Sheet[], resolver: PlaceResolver): Proposal {
  const layouts = sheets.map((s) => readLayout(s));
  const layout = layouts[0]!;
  const profiles = profileColumns(layout, resolver);
  const headers = layout.headers;
  const roles = profiles.map(guessRole);
  const columns: Record<string, Role> = {};
  headers.forEach((h, i) => (columns[h] = roles[i]!));
  const yearColumn = roles.includes('year') || roles.includes('date');
  const context = [sheets[0]!.file, sheets[0]!.sheet ?? '', ...layout.titles].join(' ');
  const year: Recipe['year'] = yearColumn
    ? { from: 'column', value: null }
    : yearIn(sheets[0]!.file)
      ? { from: 'fileName', value: null }
      : yearIn(`${sheets[0]!.sheet ?? ''} ${layout.titles.join(' ')}`)
        ? { from: 'title', value: null }
        : { from: 'column', value: null };
  const counts =
    !/firearm|\barms?\b|armas|armes|weapon|pistol/i.test(context) &&
    /seizure|incautac|saisie|apreens/i.test(context)
      ? 'seizures'
      : 'firearms';
  // No column names the place: a country named in the file name or title ("mexico_traces_2022").
  const placed = roles.some((r) => r === 'country' || r === 'admin1' || r === 'destination');
  let country: string | null = null;
  if (!placed) country = placeInContext(context, resolver, roles.includes('district'), headers);
  // A subdivision column and no country column: the one country its names are in ("SP, RJ…").
  const admin1Col = roles.indexOf('admin1');
  if (admin1Col >= 0 && !roles.includes('country')) {
    const names = new Set(layout.body.map((r) => cellText(r.cells[admin1Col])));
    country = resolver.resolveColumn(names).within ?? country;
  }
  const signature = headers.filter((h) => !/^Column \d+$/.test(h));
  // A register of firearms ("firearms_recovered_export", "armas de fuego incautadas"): one row
  // is one firearm even when its type column says only "Firearm". A register of trace requests:
  // who asked whom, and the outcome.
  const traces =
    roles.includes('outcome') && (roles.includes('requesting') || roles.includes('requested'));
  const grain: Recipe['grain'] = traces
    ? 'trace'
    : /firearm|weapon|\bguns?\b|armas? de fuego|armes? a feu|armas? de fogo/i.test(
          nameKey(context),
        ) &&
        !/seizure|incautac|saisie|apreens|incident|\bcases?\b|caso|affaire|ocorrenc/i.test(
          nameKey(context),
        )
      ? 'firearm'
      : 'seizure';

  // A matrix: column labels and row labels are both places (or rows are firearm types), the
  // cells numbers.
  const lc = matrixLabelColumn(layout);
  const colLabels = headers.slice(lc + 1);
  // A matrix's row labels are few and distinct (a million-row register is no matrix): its first
  // 2,000 rows are enough to tell.
  const rowLabels = layout.body.slice(0, 2000).map((r) => cellText(r.cells[lc]));
  const bodyNumeric = profiles.slice(lc + 1).filter((p) => share(p.numeric, p.filled) > 0.9).length;
  const typeRows = [...new Set(rowLabels.filter((l) => l && !isTotalLabel(l)))];
  if (
    typeRows.length >= 3 &&
    share(typeRows.filter((l) => resolveFirearmType(l)).length, typeRows.length) >= 0.6 &&
    placeShare(colLabels, resolver) >= 0.6 &&
    bodyNumeric >= colLabels.length * 0.6
  ) {
    return {
      recipe: makeRecipe({
        shape: 'matrix',
        matrix: { rows: 'firearmType', transposed: [] },
        columns: {},
        counts,
        year,
        signature: [],
      }),
      reason:
        'Row labels are firearm types, column labels places and the cells numbers: a type × place matrix (where recovered).',
      layouts,
    };
  }
  if (
    placeShare(colLabels, resolver) >= 0.6 &&
    placeShare(rowLabels, resolver) >= 0.6 &&
    bodyNumeric >= colLabels.length * 0.6
  ) {
    const words = nameKey(`${context} ${headers[0]}`);
    const rowsAreDestinations = /recover|destination|destino|recuper/.test(
      nameKey(headers[0] ?? ''),
    )
      ? true
      : /source|origin|origen|procedencia/.test(nameKey(headers[0] ?? ''))
        ? false
        : /by (state|country) of recovery|recovered in/.test(words);
    return {
      recipe: makeRecipe({
        shape: 'matrix',
        matrix: { rows: rowsAreDestinations ? 'destination' : 'origin', transposed: [] },
        columns: {},
        counts,
        year,
        signature: [],
      }),
      reason:
        'Row and column labels are places and the cells are numbers: an origin × destination matrix.',
      layouts,
    };
  }

  // A wide table: three or more number columns named after months or firearm types.
  const isMonth = (h: string) => monthOf(h) !== null;
  const isType = (h: string) => resolveFirearmType(h) !== null;
  const numericCols = headers.filter(
    (_, i) => share(profiles[i]!.numeric, profiles[i]!.filled) > 0.9,
  );
  for (const [kind, test] of [
    ['month', isMonth],
    ['firearmType', isType],
  ] as const) {
    const cats = numericCols.filter(test);
    if (cats.length >= 3) {
      const total = numericCols.find((h) => isTotalLabel(h)) ?? null;
      for (const h of [...cats, ...(total ? [total] : [])]) columns[h] = 'ignore';
      return {
        recipe: makeRecipe({
          shape: 'wide',
          wide: { kind, columns: cats, total },
          columns,
          counts,
          year,
          signature,
          country,
        }),
        reason:
          kind === 'month'
            ? 'One number column per month: a wide sheet, unpivoted to one row per month.'
            : 'One number column per firearm type: a wide table, unpivoted to one row per type.',
        layouts,
      };
    }
  }

  // A category column whose values name kinds of sub-table ("Top source states", "Firearm
  // types", "Calibers", "Time to crime", "Age of possessor") is a section column, not a type.
  // (A portal's indicator/dimension table is not one: its dimensions are breakdowns.)
  if (
    !headers.some((h) => columns[h] === 'section' || columns[h] === 'indicator') &&
    !headers.some((h) => columns[h] === 'dimension')
  ) {
    const SECTION_WORDS =
      /source|origin|origen|procedencia|type|tipo|calib|time to crime|tiempo|age|edad|idade|city|cities|ciudad|cidade|county|recover|possessor|poseedor/;
    for (const h of headers) {
      if (columns[h] !== 'category' && columns[h] !== 'ignore') continue;
      const j = headers.indexOf(h);
      const values = [...new Set(layout.body.map((r) => cellText(r.cells[j])).filter(Boolean))];
      const kinds = values.filter((v) => SECTION_WORDS.test(nameKey(v)));
      const other = headers.some(
        (k, i) => k !== h && columns[k] === 'ignore' && profiles[i]!.distinct > values.length,
      );
      if (values.length >= 2 && values.length <= 20 && kinds.length >= 2 && other) {
        columns[h] = 'section';
        break;
      }
    }
  }

  // A sectioned table: a column says which sub-table a row belongs to.
  const section = headers.find((h) => columns[h] === 'section');
  if (section) {
    const values = [
      ...new Set(layout.body.map((r) => cellText(r.cells[headers.indexOf(section)]))),
    ].filter(Boolean);
    const label = headers.find((h) => columns[h] === 'ignore' || columns[h] === 'category') ?? null;
    if (label) columns[label] = 'label';
    const sections: Record<string, Role> = {};
    const li = headers.indexOf(label ?? '');
    for (const v of values) {
      const labels = layout.body
        .filter((r) => cellText(r.cells[headers.indexOf(section)]) === v)
        .map((r) => cellText(r.cells[li]));
      const types = share(labels.filter((l) => resolveFirearmType(l)).length, labels.length);
      const { places } = resolver.resolveColumn(labels);
      const placed = share(labels.filter((l) => places.get(l)).length, labels.length);
      const k = nameKey(v);
      const calibres = share(labels.filter((l) => resolveCalibre(l)).length, labels.length);
      sections[v] =
        types > 0.6
          ? 'firearmType'
          : calibres > 0.6
            ? 'calibre'
            : placed > 0.6
              ? // "Top source states for firearms recovered in …": the states are sources.
                /source|origin|origen|procedencia/.test(k)
                ? 'origin'
                : /destination|recover|destino/.test(k)
                  ? 'destination'
                  : 'admin1'
              : 'ignore';
    }
    return {
      recipe: makeRecipe({
        shape: 'sectioned',
        columns,
        sections,
        counts,
        year,
        signature,
        country,
      }),
      reason: `The column “${section}” splits the file into ${values.length} sub-tables.`,
      layouts,
    };
  }

  // A long table: an indicator or category column beside a value column.
  const shape: Shape =
    roles.includes('indicator') || roles.includes('category') || roles.includes('dimension')
      ? 'long'
      : 'events';
  // A long table's other splits of a total ("Sex: Total, Male, Female", "Age"): a column of a few
  // values among which a Total is a breakdown; its other values are checked against the Total.
  if (shape === 'long') {
    headers.forEach((h, j) => {
      if (columns[h] !== 'ignore') return;
      const values = new Set(layout.body.map((r) => cellText(r.cells[j])).filter(Boolean));
      const totals = [...values].filter((v) => isTotalLabel(v)).length;
      if (values.size <= 15 && totals > 0 && values.size > totals) columns[h] = 'breakdown';
    });
  }
  const indicators: Record<string, 'firearms' | 'seizures'> = {};
  const ind = headers.find((h) => columns[h] === 'indicator');
  if (ind) {
    const j = headers.indexOf(ind);
    for (const v of new Set(layout.body.map((r) => cellText(r.cells[j])))) {
      if (!v) continue;
      const k = nameKey(v);
      // Ammunition, parts and explosives are imported too, as items apart from the firearms.
      if (/firearm|\barms?\b|arma|arme|weapon|ammunition|municion|munition|part|explosive/.test(k))
        indicators[v] = 'firearms';
      else if (/seizure|incautac|saisie|case/.test(k)) indicators[v] = 'seizures';
    }
  }
  return {
    recipe: makeRecipe({ shape, columns, counts, year, indicators, signature, country, grain }),
    reason:
      shape === 'long'
        ? 'Dimension, category and value columns: a long table of aggregates.'
        : 'One row per record: an event list.',
    layouts,
  };
}
