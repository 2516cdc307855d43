/**
 * Operations. Trigger VIII, Trigger IX and KAFO II are real INTERPOL operations with their
 * published headline figures, kept exact (INTERPOL and EU DISRUPT/GIFP press releases). Two more
 * are synthetic, flagged `is_synthetic`, so that trends show operation surges in other years and
 * regions.
 */

/** One row of the `operations` table, with the seizure totals its linked records must add up to. */
export interface OperationSpec {
  operation_id: number;
  name: string;
  is_synthetic: boolean;
  start_date: string;
  end_date: string;
  region: string;
  countries: readonly string[];
  officers: number | null;
  hotspots: number | null;
  arrests: number | null;
  firearms_seized: number | null;
  ammunition_rounds: number | null;
  drugs_tonnes: number | null;
  drugs_value_usd: number | null;
  precursors_tonnes: number | null;
  other_results: string;
  linked_crimes: readonly string[];
  source: string;
  /**
   * Number of seizure events the generator links to the operation. Real operations get a fixed
   * block whose firearms, rounds and arrests add up exactly to the headline figures; synthetic
   * ones scale with the dataset.
   */
  events: number;
  /** Synthetic operations only: the surge multiplier on local seizures in their countries. */
  surge?: number;
}

export const OPERATIONS: readonly OperationSpec[] = [
  {
    operation_id: 1,
    name: 'KAFO II',
    is_synthetic: false,
    start_date: '2020-11-30',
    end_date: '2020-12-06',
    region: 'West Africa and the Sahel',
    countries: ['BFA', 'CIV', 'MLI', 'NER'],
    officers: 260,
    hotspots: null,
    arrests: null,
    firearms_seized: 50,
    ammunition_rounds: 6162,
    drugs_tonnes: 1.473,
    drugs_value_usd: null,
    precursors_tonnes: null,
    other_results:
      '40,593 sticks of dynamite; 28 detonator cords; 60,000 litres of contraband fuel; 2,263 boxes of contraband medicines',
    linked_crimes: ['terrorism', 'drugs', 'environmental_crime', 'fraud'],
    source: 'INTERPOL and UNODC, press release of 21 December 2020',
    events: 24,
  },
  {
    operation_id: 2,
    name: 'Trigger VIII',
    is_synthetic: false,
    start_date: '2022-06-13',
    end_date: '2022-06-19',
    region: 'West and Central Africa',
    countries: ['BFA', 'CAF', 'TCD', 'COD', 'GIN', 'MLI', 'MRT', 'NER'],
    officers: 520,
    hotspots: 35,
    arrests: 120,
    firearms_seized: 480,
    ammunition_rounds: 5567,
    drugs_tonnes: 1.5,
    drugs_value_usd: null,
    precursors_tonnes: null,
    other_results:
      '26 kg of illicitly mined gold; 170 kg of explosives; over 3 tonnes of fake medication; 40 tonnes of shark fins; 141 elephant tusks; EUR 110,000 in cash; 14 organised crime networks dismantled',
    linked_crimes: ['terrorism', 'drugs', 'environmental_crime', 'fraud', 'human_trafficking'],
    source: 'INTERPOL press release of 5 July 2022 (EU-funded GIFP DISRUPT)',
    events: 35,
  },
  {
    operation_id: 3,
    name: 'Trigger IX',
    is_synthetic: false,
    start_date: '2023-03-12',
    end_date: '2023-04-02',
    region: 'Central and South America',
    // prettier-ignore
    countries: [
      'ARG', 'BOL', 'BRA', 'CHL', 'COL', 'CRI', 'ECU', 'SLV', 'GTM', 'HND', 'MEX', 'PAN', 'PRY',
      'PER', 'URY',
    ],
    officers: null,
    hotspots: null,
    arrests: 14260,
    firearms_seized: 8263,
    ammunition_rounds: 305000,
    drugs_tonnes: 203,
    drugs_value_usd: 5_700_000_000,
    precursors_tonnes: 372,
    other_results:
      '20 organised crime groups disrupted; 30 investigations opened; 11 victims of human trafficking freed in Paraguay; operational hub in Foz do Iguaçu',
    linked_crimes: [
      'drugs',
      'corruption',
      'fraud',
      'human_trafficking',
      'environmental_crime',
      'terrorism',
    ],
    source: 'INTERPOL press release of 18 April 2023 (EU-funded GIFP DISRUPT)',
    events: 1400,
  },
  {
    operation_id: 4,
    name: 'Coastal Shield (synthetic)',
    is_synthetic: true,
    start_date: '2018-10-01',
    end_date: '2018-10-21',
    region: 'Gulf of Guinea',
    countries: ['NGA', 'GHA', 'TGO', 'BEN', 'CIV'],
    officers: null,
    hotspots: null,
    arrests: null,
    firearms_seized: null,
    ammunition_rounds: null,
    drugs_tonnes: null,
    drugs_value_usd: null,
    precursors_tonnes: null,
    other_results: 'Synthetic operation for demonstration; no real-world counterpart.',
    linked_crimes: ['drugs'],
    source: 'Synthetic',
    events: 0,
    surge: 3.5,
  },
  {
    operation_id: 5,
    name: 'Caribbean Gateway (synthetic)',
    is_synthetic: true,
    start_date: '2024-05-06',
    end_date: '2024-05-26',
    region: 'Caribbean',
    countries: ['JAM', 'HTI', 'DOM', 'TTO', 'BHS'],
    officers: null,
    hotspots: null,
    arrests: null,
    firearms_seized: null,
    ammunition_rounds: null,
    drugs_tonnes: null,
    drugs_value_usd: null,
    precursors_tonnes: null,
    other_results: 'Synthetic operation for demonstration; no real-world counterpart.',
    linked_crimes: ['drugs'],
    source: 'Synthetic',
    events: 0,
    surge: 3,
  },
];
