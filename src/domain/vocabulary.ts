/**
 * Controlled vocabularies of the Firearms Flow Atlas schema.
 *
 * Every categorical column in the default dataset takes its values from one of these lists, and
 * the app labels them through i18n keys of the same name (`vocab.<column>.<value>`). The codes
 * follow the categories of the UNODC Illicit Arms Flows Questionnaire, INTERPOL iARMS and trace
 * practice (see `datasets/README.md`).
 */

/**
 * How the arms came to the record: seized, found or surrendered (IAFQ); in imported registers of
 * occurrences also recovered, stolen, lost, sent for destruction or an administrative movement.
 */
export const BASIS = [
  'seized',
  'found',
  'surrendered',
  'recovered',
  'stolen',
  'lost',
  'destroyed',
  'administrative',
  'other',
] as const;

/** Legal justification of a seizure (IAFQ): illicit possession is about two thirds. */
export const LEGAL_JUSTIFICATION = ['illicit_possession', 'illicit_trafficking', 'other'] as const;

/** Criminal context of a seizure (IAFQ). */
export const CRIMINAL_CONTEXT = [
  'trafficking',
  'violent_crime',
  'drug_trafficking',
  'organised_crime',
  'other',
] as const;

/** Crimes linked to a seizure; each is a boolean column `crime_<code>` on `seizures`. */
export const LINKED_CRIMES = [
  'drugs',
  'corruption',
  'human_trafficking',
  'environmental_crime',
  'terrorism',
  'fraud',
] as const;

/** Where the seizure took place. */
export const PLACE_TYPES = [
  'land_border',
  'seaport',
  'airport',
  'road_checkpoint',
  'urban',
  'rural',
  'postal_hub',
] as const;

/** Agency that made the seizure. */
export const AGENCIES = ['police', 'customs', 'gendarmerie', 'military', 'border_guard'] as const;

/** How the arms were moving when seized. */
export const TRANSPORT_MODES = [
  'road_vehicle',
  'maritime_container',
  'small_vessel',
  'air_cargo',
  'air_passenger',
  'postal_courier',
  'on_foot',
  'motorcycle',
  'none',
] as const;

/** How the arms were hidden. */
export const CONCEALMENT = [
  'none',
  'vehicle_compartment',
  'cargo_container',
  'parcel',
  'luggage',
  'on_person',
  'household_goods',
  'disassembled',
] as const;

/** How much of a seizure's date is known. */
export const DATE_PRECISION = ['day', 'month', 'quarter', 'year', 'unknown'] as const;

/** What the coordinates stand for: a ~10 km cell, an admin-1 centroid or a country centroid. */
export const LOCATION_PRECISION = ['approx_10km', 'admin1', 'country', 'unknown'] as const;

/** Source reliability on the admiralty scale: A completely reliable … F cannot be judged. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Firearm types (IAFQ). */
export const FIREARM_TYPES = [
  'pistol',
  'revolver',
  'rifle',
  'shotgun',
  'submachine_gun',
  'machine_gun',
  'combination_gun',
  'other',
] as const;

/** State of a firearm's markings. */
export const MARKING_STATUS = ['intact', 'altered', 'obliterated', 'unmarked'] as const;

/** Condition of a firearm: original or modified (converted, reactivated) or craft-made. */
export const CONDITION = ['original', 'converted', 'reactivated', 'craft'] as const;

/** Result of checking a firearm against INTERPOL iARMS. */
export const IARMS_STATUS = [
  'not_checked',
  'no_record',
  'lost',
  'stolen',
  'trafficked',
  'smuggled',
] as const;

/** Outcome of an international trace request. */
export const TRACE_OUTCOMES = ['traced', 'not_traceable', 'refused', 'pending'] as const;

/** Point where a traced firearm left the legal market (SDG 16.4.2 "diversion point"). */
export const DIVERSION_POINTS = [
  'export',
  'import',
  'domestic_retail',
  'state_stockpile',
  'unknown',
] as const;

/** Regions of the INTERPOL/UNODC DISRUPT programme, plus the source and transit world. */
export const ATLAS_REGIONS = [
  'central_america_mexico',
  'caribbean',
  'south_america',
  'west_africa',
  'central_africa',
  'north_america',
  'europe',
  'north_africa_middle_east',
  'other',
] as const;

export type Basis = (typeof BASIS)[number];
export type LegalJustification = (typeof LEGAL_JUSTIFICATION)[number];
export type CriminalContext = (typeof CRIMINAL_CONTEXT)[number];
export type LinkedCrime = (typeof LINKED_CRIMES)[number];
export type PlaceType = (typeof PLACE_TYPES)[number];
export type Agency = (typeof AGENCIES)[number];
export type TransportMode = (typeof TRANSPORT_MODES)[number];
export type Concealment = (typeof CONCEALMENT)[number];
export type FirearmType = (typeof FIREARM_TYPES)[number];
export type MarkingStatus = (typeof MARKING_STATUS)[number];
export type Condition = (typeof CONDITION)[number];
export type IarmsStatus = (typeof IARMS_STATUS)[number];
export type TraceOutcome = (typeof TRACE_OUTCOMES)[number];
export type DiversionPoint = (typeof DIVERSION_POINTS)[number];
export type AtlasRegion = (typeof ATLAS_REGIONS)[number];

/** Categorical columns and the vocabulary each must draw from, keyed `table.column`. */
export const COLUMN_VOCABULARIES: Readonly<Record<string, readonly string[]>> = {
  'seizures.basis': BASIS,
  'seizures.legal_justification': LEGAL_JUSTIFICATION,
  'seizures.criminal_context': CRIMINAL_CONTEXT,
  'seizures.place_type': PLACE_TYPES,
  'seizures.agency': AGENCIES,
  'seizures.transport_mode': TRANSPORT_MODES,
  'seizures.concealment': CONCEALMENT,
  'seizures.date_precision': DATE_PRECISION,
  'seizures.location_precision': LOCATION_PRECISION,
  'seizures.source_reliability': SOURCE_RELIABILITY,
  'firearms.firearm_type': FIREARM_TYPES,
  'firearms.marking_status': MARKING_STATUS,
  'firearms.condition': CONDITION,
  'firearms.iarms_status': IARMS_STATUS,
  'traces.outcome': TRACE_OUTCOMES,
  'traces.diversion_point': DIVERSION_POINTS,
  'places.atlas_region': ATLAS_REGIONS,
};
