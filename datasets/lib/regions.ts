/** Country groupings the simulation uses to shape agencies, transport and linked crimes. */

export const FRANCOPHONE = new Set([
  'SEN',
  'MLI',
  'BFA',
  'NER',
  'CIV',
  'TCD',
  'CMR',
  'CAF',
  'COG',
  'GAB',
  'BEN',
  'TGO',
  'GIN',
  'MRT',
  'COD',
  'HTI',
]);
export const SAHEL = new Set(['MLI', 'BFA', 'NER', 'TCD', 'MRT']);
export const ARMED_GROUP_AREAS = new Set(['MLI', 'BFA', 'NER', 'TCD', 'NGA', 'CMR', 'CAF', 'COD']);
export const AMAZON = new Set(['BRA', 'PER', 'COL', 'VEN', 'GUY', 'SUR', 'ECU', 'BOL']);
export const MILITARY_HEAVY = new Set(['MEX', 'COL', 'MLI', 'BFA', 'NER', 'TCD', 'CAF', 'COD']);
export const EU_MAKERS = new Set(['AUT', 'CZE', 'ITA', 'BEL', 'DEU', 'SRB', 'SVK', 'ROU', 'BGR']);
