/**
 * Trafficking corridors of the synthetic dataset: who supplies whom, through where, how, and how
 * each flow rises and falls over 2015–2025. Shapes follow what the public record describes
 * (UNODC Global Study on Firearms Trafficking 2020, ATF Mexico/Caribbean trace reports, Small
 * Arms Survey, Conflict Armament Research); magnitudes are invented.
 */
import type { ArsenalKey } from './arsenal';

/** How a corridor moves arms; decides place types, transport modes and concealment. */
export type CorridorMode = 'land' | 'sea' | 'postal' | 'air';

/** One origin → transit → destination flow. */
export interface Corridor {
  id: string;
  origin: string;
  transit: readonly string[];
  destination: string;
  /** Relative share of trafficking seizures at the 2015 level. */
  weight: number;
  /** Multiplier per year, 2015 … 2025 (11 values). */
  trend: readonly number[];
  modes: readonly (readonly [CorridorMode, number])[];
  arsenal: readonly (readonly [ArsenalKey, number])[];
  /** Share of seizures on this corridor linked to drug trafficking. */
  drugs: number;
  /** Share linked to terrorism (armed groups). */
  terrorism?: number;
  /** Seasonality profile of the destination region. */
  season: SeasonProfile;
}

/** Monthly seasonality profiles. */
export type SeasonProfile = 'americas' | 'sahel' | 'coastal_africa';

/** Multipliers January … December. */
export const SEASONALITY: Record<SeasonProfile, readonly number[]> = {
  // Slight pre-holiday and dry-season peaks; lower in September–October (hurricane season at sea).
  americas: [1.05, 0.95, 1.0, 1.0, 1.05, 1.0, 0.95, 1.0, 0.9, 0.95, 1.05, 1.1],
  // Dry season (November–May) moves people and goods across the Sahel; the rains (July–September)
  // close tracks.
  sahel: [1.2, 1.2, 1.15, 1.1, 1.05, 0.9, 0.75, 0.65, 0.75, 0.95, 1.1, 1.2],
  coastal_africa: [1.1, 1.1, 1.05, 1.0, 0.95, 0.85, 0.85, 0.9, 0.95, 1.0, 1.05, 1.2],
};

const flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const;

/** The corridors. Country codes are ISO 3166-1 alpha-3. */
export const CORRIDORS: readonly Corridor[] = [
  // --- The "iron river": US civilian market → Mexico and Central America.
  {
    id: 'usa-mex',
    origin: 'USA',
    transit: [],
    destination: 'MEX',
    weight: 30,
    trend: [1.0, 1.08, 1.15, 1.25, 1.35, 1.2, 1.4, 1.45, 1.4, 1.35, 1.3],
    modes: [
      ['land', 0.92],
      ['postal', 0.05],
      ['air', 0.03],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.45,
    season: 'americas',
  },
  {
    id: 'usa-mex-gtm',
    origin: 'USA',
    transit: ['MEX'],
    destination: 'GTM',
    weight: 6,
    trend: [1.0, 1.05, 1.1, 1.2, 1.25, 1.1, 1.3, 1.35, 1.4, 1.35, 1.3],
    modes: [['land', 1]],
    arsenal: [['us_civilian', 1]],
    drugs: 0.35,
    season: 'americas',
  },
  {
    id: 'usa-mex-gtm-hnd',
    origin: 'USA',
    transit: ['MEX', 'GTM'],
    destination: 'HND',
    weight: 5,
    trend: [1.0, 1.05, 1.1, 1.15, 1.2, 1.05, 1.15, 1.2, 1.2, 1.15, 1.1],
    modes: [['land', 1]],
    arsenal: [
      ['us_civilian', 0.85],
      ['latam_stockpile', 0.15],
    ],
    drugs: 0.35,
    season: 'americas',
  },
  {
    id: 'usa-gtm-slv',
    origin: 'USA',
    transit: ['GTM'],
    destination: 'SLV',
    weight: 3,
    // El Salvador's 2022 state of exception: flows collapse.
    trend: [1.0, 1.05, 1.1, 1.1, 1.05, 0.9, 0.9, 0.6, 0.4, 0.35, 0.3],
    modes: [
      ['land', 0.8],
      ['postal', 0.2],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.2,
    season: 'americas',
  },
  // --- Florida → the Caribbean by sea and by mail; the Haiti surge of 2021–2024.
  {
    id: 'usa-hti',
    origin: 'USA',
    transit: ['DOM'],
    destination: 'HTI',
    weight: 3,
    trend: [0.6, 0.6, 0.7, 0.8, 0.9, 1.0, 1.8, 2.8, 3.4, 3.6, 3.2],
    modes: [
      ['sea', 0.8],
      ['land', 0.2],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.25,
    season: 'americas',
  },
  {
    id: 'usa-jam',
    origin: 'USA',
    transit: [],
    destination: 'JAM',
    weight: 4,
    trend: [1.0, 1.05, 1.1, 1.2, 1.3, 1.25, 1.4, 1.5, 1.55, 1.5, 1.45],
    modes: [
      ['sea', 0.55],
      ['postal', 0.4],
      ['air', 0.05],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.3,
    season: 'americas',
  },
  {
    id: 'usa-tto',
    origin: 'USA',
    transit: [],
    destination: 'TTO',
    weight: 2,
    trend: [1.0, 1.05, 1.1, 1.2, 1.3, 1.2, 1.35, 1.45, 1.5, 1.5, 1.45],
    modes: [
      ['sea', 0.6],
      ['postal', 0.4],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.35,
    season: 'americas',
  },
  {
    id: 'usa-bhs',
    origin: 'USA',
    transit: [],
    destination: 'BHS',
    weight: 1.2,
    trend: [1.0, 1.0, 1.05, 1.1, 1.1, 1.0, 1.1, 1.15, 1.2, 1.2, 1.15],
    modes: [
      ['sea', 0.7],
      ['postal', 0.3],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.3,
    season: 'americas',
  },
  {
    id: 'usa-dom',
    origin: 'USA',
    transit: [],
    destination: 'DOM',
    weight: 2,
    trend: [1.0, 1.05, 1.1, 1.15, 1.2, 1.1, 1.25, 1.3, 1.35, 1.3, 1.25],
    modes: [
      ['sea', 0.5],
      ['postal', 0.35],
      ['air', 0.15],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.3,
    season: 'americas',
  },
  // --- Venezuela's stockpiles and the short crossings to Trinidad and Colombia.
  {
    id: 'ven-tto',
    origin: 'VEN',
    transit: [],
    destination: 'TTO',
    weight: 1.5,
    trend: [0.8, 1.0, 1.3, 1.5, 1.6, 1.4, 1.5, 1.5, 1.4, 1.3, 1.2],
    modes: [['sea', 1]],
    arsenal: [
      ['latam_stockpile', 0.7],
      ['us_civilian', 0.3],
    ],
    drugs: 0.5,
    season: 'americas',
  },
  {
    id: 'ven-col',
    origin: 'VEN',
    transit: [],
    destination: 'COL',
    weight: 4,
    trend: [0.8, 1.0, 1.3, 1.6, 1.7, 1.4, 1.3, 1.2, 1.1, 1.0, 0.95],
    modes: [
      ['land', 0.9],
      ['sea', 0.1],
    ],
    arsenal: [
      ['latam_stockpile', 0.75],
      ['latam_domestic', 0.25],
    ],
    drugs: 0.6,
    terrorism: 0.05,
    season: 'americas',
  },
  // --- The Andes: Colombia and Peru into Ecuador's crisis years.
  {
    id: 'col-ecu',
    origin: 'COL',
    transit: [],
    destination: 'ECU',
    weight: 2,
    trend: [0.6, 0.6, 0.7, 0.8, 0.9, 1.1, 1.6, 2.3, 2.9, 3.2, 3.0],
    modes: [
      ['land', 0.8],
      ['sea', 0.2],
    ],
    arsenal: [
      ['latam_stockpile', 0.5],
      ['us_civilian', 0.3],
      ['europe_legal', 0.2],
    ],
    drugs: 0.7,
    season: 'americas',
  },
  {
    id: 'per-ecu',
    origin: 'PER',
    transit: [],
    destination: 'ECU',
    weight: 1,
    trend: [0.6, 0.6, 0.7, 0.8, 0.9, 1.0, 1.4, 2.0, 2.5, 2.7, 2.6],
    modes: [['land', 1]],
    arsenal: [
      ['latam_domestic', 0.6],
      ['europe_legal', 0.4],
    ],
    drugs: 0.6,
    season: 'americas',
  },
  // --- Southern Cone: legal imports into Paraguay diverted to Brazil's factions.
  {
    id: 'pry-bra',
    origin: 'PRY',
    transit: [],
    destination: 'BRA',
    weight: 6,
    trend: [1.0, 1.05, 1.1, 1.15, 1.2, 1.15, 1.25, 1.3, 1.25, 1.2, 1.15],
    modes: [
      ['land', 0.9],
      ['sea', 0.1],
    ],
    arsenal: [
      ['europe_legal', 0.55],
      ['latam_domestic', 0.3],
      ['us_civilian', 0.15],
    ],
    drugs: 0.55,
    season: 'americas',
  },
  {
    id: 'usa-pry-bra',
    origin: 'USA',
    transit: ['PRY'],
    destination: 'BRA',
    weight: 2,
    trend: [0.8, 0.9, 1.0, 1.1, 1.2, 1.1, 1.3, 1.4, 1.4, 1.35, 1.3],
    modes: [
      ['air', 0.3],
      ['land', 0.5],
      ['postal', 0.2],
    ],
    arsenal: [['us_civilian', 1]],
    drugs: 0.5,
    season: 'americas',
  },
  {
    id: 'arg-pry',
    origin: 'ARG',
    transit: [],
    destination: 'PRY',
    weight: 1.2,
    trend: flat,
    modes: [['land', 1]],
    arsenal: [['latam_domestic', 1]],
    drugs: 0.3,
    season: 'americas',
  },
  {
    id: 'bol-chl',
    origin: 'BOL',
    transit: [],
    destination: 'CHL',
    weight: 1,
    trend: [0.7, 0.75, 0.8, 0.9, 1.0, 1.0, 1.2, 1.4, 1.5, 1.5, 1.45],
    modes: [['land', 1]],
    arsenal: [
      ['latam_domestic', 0.5],
      ['us_civilian', 0.5],
    ],
    drugs: 0.5,
    season: 'americas',
  },
  // --- European and Turkish weapons into Latin America by container and air.
  {
    id: 'tur-pry-bra',
    origin: 'TUR',
    transit: ['PRY'],
    destination: 'BRA',
    weight: 1.2,
    trend: [0.5, 0.6, 0.7, 0.9, 1.1, 1.0, 1.3, 1.5, 1.6, 1.6, 1.5],
    modes: [
      ['air', 0.4],
      ['sea', 0.6],
    ],
    arsenal: [['turkish_civilian', 1]],
    drugs: 0.4,
    season: 'americas',
  },
  {
    id: 'bel-col',
    origin: 'BEL',
    transit: ['PAN'],
    destination: 'COL',
    weight: 0.8,
    trend: flat,
    modes: [['sea', 1]],
    arsenal: [['europe_legal', 1]],
    drugs: 0.6,
    season: 'americas',
  },
  {
    id: 'nic-hnd',
    origin: 'NIC',
    transit: [],
    destination: 'HND',
    weight: 1.2,
    trend: [1.0, 1.0, 1.05, 1.2, 1.1, 1.0, 1.0, 0.95, 0.9, 0.9, 0.85],
    modes: [['land', 1]],
    arsenal: [['latam_stockpile', 1]],
    drugs: 0.4,
    season: 'americas',
  },
  {
    id: 'hnd-gtm',
    origin: 'HND',
    transit: [],
    destination: 'GTM',
    weight: 1,
    trend: flat,
    modes: [['land', 1]],
    arsenal: [
      ['latam_stockpile', 0.4],
      ['us_civilian', 0.6],
    ],
    drugs: 0.45,
    season: 'americas',
  },
  {
    id: 'guy-bra',
    origin: 'GUY',
    transit: ['SUR'],
    destination: 'BRA',
    weight: 0.6,
    trend: [0.8, 0.8, 0.9, 1.0, 1.0, 1.0, 1.1, 1.2, 1.2, 1.2, 1.2],
    modes: [
      ['land', 0.6],
      ['sea', 0.4],
    ],
    arsenal: [
      ['us_civilian', 0.6],
      ['latam_domestic', 0.4],
    ],
    drugs: 0.4,
    season: 'americas',
  },
  // --- Libya's looted stockpiles across the Sahel, fading after 2016.
  {
    id: 'lby-ner-mli',
    origin: 'LBY',
    transit: ['NER'],
    destination: 'MLI',
    weight: 4,
    trend: [1.6, 1.4, 1.2, 1.05, 0.95, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6],
    modes: [['land', 1]],
    arsenal: [['sahel_stockpile', 1]],
    drugs: 0.15,
    terrorism: 0.3,
    season: 'sahel',
  },
  {
    id: 'lby-ner-nga',
    origin: 'LBY',
    transit: ['NER'],
    destination: 'NGA',
    weight: 3,
    trend: [1.5, 1.35, 1.2, 1.05, 1.0, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65],
    modes: [['land', 1]],
    arsenal: [['sahel_stockpile', 1]],
    drugs: 0.1,
    terrorism: 0.25,
    season: 'sahel',
  },
  {
    id: 'lby-tcd',
    origin: 'LBY',
    transit: [],
    destination: 'TCD',
    weight: 2,
    trend: [1.4, 1.3, 1.2, 1.1, 1.0, 0.95, 0.9, 0.85, 0.8, 0.8, 0.75],
    modes: [['land', 1]],
    arsenal: [['sahel_stockpile', 1]],
    drugs: 0.1,
    terrorism: 0.2,
    season: 'sahel',
  },
  // --- Sudan's wars feeding Chad and the Central African Republic (surge from 2023).
  {
    id: 'sdn-tcd-caf',
    origin: 'SDN',
    transit: ['TCD'],
    destination: 'CAF',
    weight: 2.5,
    trend: [1.0, 1.0, 1.05, 1.0, 1.0, 1.0, 1.05, 1.1, 1.8, 2.4, 2.6],
    modes: [['land', 1]],
    arsenal: [
      ['sahel_stockpile', 0.8],
      ['central_africa_mix', 0.2],
    ],
    drugs: 0.05,
    terrorism: 0.1,
    season: 'sahel',
  },
  {
    id: 'caf-cmr',
    origin: 'CAF',
    transit: [],
    destination: 'CMR',
    weight: 1.5,
    trend: flat,
    modes: [['land', 1]],
    arsenal: [['central_africa_mix', 1]],
    drugs: 0.05,
    season: 'sahel',
  },
  {
    id: 'cod-cog',
    origin: 'COD',
    transit: [],
    destination: 'COG',
    weight: 1,
    trend: flat,
    modes: [
      ['land', 0.6],
      ['sea', 0.4],
    ],
    arsenal: [['central_africa_mix', 1]],
    drugs: 0.05,
    season: 'coastal_africa',
  },
  // --- Sahel spill-over into the coastal states from 2019.
  {
    id: 'mli-bfa-civ',
    origin: 'MLI',
    transit: ['BFA'],
    destination: 'CIV',
    weight: 1.5,
    trend: [0.5, 0.55, 0.6, 0.7, 0.9, 1.2, 1.5, 1.8, 2.0, 2.1, 2.1],
    modes: [['land', 1]],
    arsenal: [
      ['sahel_stockpile', 0.7],
      ['west_africa_civilian', 0.3],
    ],
    drugs: 0.15,
    terrorism: 0.35,
    season: 'sahel',
  },
  {
    id: 'bfa-tgo',
    origin: 'BFA',
    transit: [],
    destination: 'TGO',
    weight: 1,
    trend: [0.4, 0.45, 0.5, 0.6, 0.8, 1.1, 1.4, 1.7, 1.9, 2.0, 2.0],
    modes: [['land', 1]],
    arsenal: [
      ['sahel_stockpile', 0.7],
      ['west_africa_civilian', 0.3],
    ],
    drugs: 0.1,
    terrorism: 0.35,
    season: 'sahel',
  },
  {
    id: 'ner-ben',
    origin: 'NER',
    transit: [],
    destination: 'BEN',
    weight: 0.8,
    trend: [0.4, 0.45, 0.5, 0.6, 0.8, 1.0, 1.3, 1.6, 1.8, 1.9, 1.9],
    modes: [['land', 1]],
    arsenal: [['sahel_stockpile', 1]],
    drugs: 0.1,
    terrorism: 0.3,
    season: 'sahel',
  },
  // --- Turkish shotguns and convertible blank-firing pistols into West African ports.
  {
    id: 'tur-nga',
    origin: 'TUR',
    transit: [],
    destination: 'NGA',
    weight: 2.5,
    // The Lagos container seizures of 2017 stand out.
    trend: [0.8, 1.0, 2.2, 1.8, 1.2, 1.0, 1.0, 1.05, 1.1, 1.1, 1.05],
    modes: [['sea', 1]],
    arsenal: [['turkish_civilian', 1]],
    drugs: 0.05,
    season: 'coastal_africa',
  },
  {
    id: 'tur-gha',
    origin: 'TUR',
    transit: [],
    destination: 'GHA',
    weight: 1,
    trend: [0.8, 0.9, 1.0, 1.1, 1.1, 1.0, 1.1, 1.2, 1.2, 1.2, 1.15],
    modes: [['sea', 1]],
    arsenal: [['turkish_civilian', 1]],
    drugs: 0.05,
    season: 'coastal_africa',
  },
  // --- Ghana's craft production feeding its neighbours.
  {
    id: 'gha-tgo-ben-nga',
    origin: 'GHA',
    transit: ['TGO', 'BEN'],
    destination: 'NGA',
    weight: 1.5,
    trend: flat,
    modes: [['land', 1]],
    arsenal: [['craft_africa', 1]],
    drugs: 0.05,
    season: 'coastal_africa',
  },
  {
    id: 'gha-civ',
    origin: 'GHA',
    transit: [],
    destination: 'CIV',
    weight: 0.8,
    trend: flat,
    modes: [['land', 1]],
    arsenal: [['craft_africa', 1]],
    drugs: 0.05,
    season: 'coastal_africa',
  },
  {
    id: 'gin-sle-lbr',
    origin: 'GIN',
    transit: ['SLE'],
    destination: 'LBR',
    weight: 0.7,
    trend: flat,
    modes: [['land', 1]],
    arsenal: [
      ['west_africa_civilian', 0.5],
      ['craft_africa', 0.5],
    ],
    drugs: 0.1,
    season: 'coastal_africa',
  },
  {
    id: 'cze-sen-mli',
    origin: 'CZE',
    transit: ['SEN'],
    destination: 'MLI',
    weight: 0.6,
    trend: flat,
    modes: [
      ['sea', 0.6],
      ['land', 0.4],
    ],
    arsenal: [['europe_legal', 1]],
    drugs: 0.05,
    terrorism: 0.2,
    season: 'sahel',
  },
  {
    id: 'are-cmr',
    origin: 'ARE',
    transit: [],
    destination: 'CMR',
    weight: 0.5,
    trend: [0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.1, 1.2, 1.2, 1.2, 1.2],
    modes: [
      ['air', 0.5],
      ['sea', 0.5],
    ],
    arsenal: [
      ['europe_legal', 0.5],
      ['turkish_civilian', 0.5],
    ],
    drugs: 0.05,
    season: 'coastal_africa',
  },
];

/** Countries where local (non-corridor) seizures happen and their relative weight. */
// prettier-ignore
export const LOCAL_SEIZURE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['MEX', 14], ['BRA', 14], ['COL', 8], ['ARG', 4], ['PER', 3], ['ECU', 4], ['VEN', 2],
  ['CHL', 2.5], ['GTM', 3], ['HND', 3], ['SLV', 2], ['CRI', 1.5], ['PAN', 1.5], ['NIC', 0.6],
  ['BLZ', 0.4], ['JAM', 2.5], ['DOM', 2], ['HTI', 1.5], ['TTO', 1.5], ['BHS', 0.5], ['BRB', 0.3],
  ['PRY', 1.5], ['BOL', 1], ['URY', 1], ['GUY', 0.4], ['SUR', 0.3],
  ['NGA', 7], ['GHA', 3], ['CIV', 2], ['SEN', 1.5], ['MLI', 2], ['BFA', 2], ['NER', 1.5],
  ['GIN', 1], ['SLE', 0.7], ['LBR', 0.7], ['TGO', 0.8], ['BEN', 0.8], ['GMB', 0.3], ['GNB', 0.3],
  ['MRT', 0.6], ['CMR', 2.5], ['TCD', 1.5], ['CAF', 1.2], ['COD', 3], ['COG', 0.8], ['GAB', 0.5],
  ['GNQ', 0.2],
];

/** Year multipliers for local seizures per DISRUPT region (2015 … 2025). */
export const LOCAL_TRENDS: Record<string, readonly number[]> = {
  central_america_mexico: [1.0, 1.04, 1.08, 1.12, 1.15, 1.0, 1.12, 1.15, 1.15, 1.12, 1.1],
  caribbean: [1.0, 1.03, 1.06, 1.1, 1.15, 1.05, 1.2, 1.3, 1.35, 1.35, 1.3],
  south_america: [1.0, 1.02, 1.05, 1.08, 1.1, 0.95, 1.08, 1.12, 1.15, 1.15, 1.12],
  west_africa: [1.0, 1.03, 1.06, 1.1, 1.15, 1.1, 1.2, 1.28, 1.35, 1.4, 1.42],
  central_africa: [1.0, 1.02, 1.04, 1.06, 1.08, 1.05, 1.1, 1.12, 1.2, 1.25, 1.28],
};

/** Likely foreign sources of locally seized arms, by region, when an origin is reported. */
export const LOCAL_SOURCES: Record<string, readonly (readonly [string, number])[]> = {
  central_america_mexico: [
    ['USA', 8],
    ['HND', 0.5],
    ['NIC', 0.5],
    ['ITA', 0.3],
    ['AUT', 0.3],
  ],
  caribbean: [
    ['USA', 9],
    ['VEN', 1],
  ],
  south_america: [
    ['USA', 4],
    ['PRY', 3],
    ['VEN', 1.5],
    ['BRA', 1.5],
    ['TUR', 0.8],
    ['BEL', 0.5],
  ],
  west_africa: [
    ['TUR', 3],
    ['LBY', 2],
    ['GHA', 2],
    ['MLI', 1],
    ['CZE', 0.5],
    ['RUS', 0.5],
  ],
  central_africa: [
    ['SDN', 3],
    ['CAF', 2],
    ['LBY', 1],
    ['COD', 1],
    ['CHN', 1],
  ],
};

/** The pandemic dip: multiplier for each month index from January 2015. */
export function covidFactor(monthIndex: number): number {
  const y = 2015 + Math.floor(monthIndex / 12);
  const m = monthIndex % 12;
  if (y !== 2020) return 1;
  if (m >= 3 && m <= 5) return 0.6;
  if (m >= 6 && m <= 8) return 0.85;
  return 1;
}
