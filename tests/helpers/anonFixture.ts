/**
 * Raw case records with planted personal data, for the anonymiser's tests and its measurement:
 * names, case numbers, phone numbers, addresses, e-mails, free text naming people, serial
 * numbers and exact coordinates, beside the fields an analysis needs. Deterministic (seeded).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const FIRST = [
  'María',
  'José',
  'Ana',
  'Luis',
  'Carmen',
  'Jorge',
  'Lucía',
  'Pedro',
  'Sofía',
  'Miguel',
];
const LAST = [
  'González',
  'Rodríguez',
  'Hernández',
  'Pérez',
  'Ramírez',
  'Torres',
  'Flores',
  'Vargas',
];
const PLACES: [string, string, number, number][] = [
  ['Mexico', 'Jalisco', 20.6597, -103.3496],
  ['Mexico', 'Chihuahua', 28.6353, -106.0889],
  ['Guatemala', 'Guatemala', 14.6349, -90.5069],
  ['Honduras', 'Cortés', 15.5042, -88.025],
  ['Colombia', 'Antioquia', 6.2442, -75.5812],
];
const TYPES = ['pistol', 'revolver', 'rifle', 'shotgun'];
const MAKES = ['Glock', 'Taurus', 'Smith & Wesson', 'Beretta'];

/** The header of the fixture. */
export const ANON_HEADER = [
  'case_number',
  'suspect_name',
  'phone',
  'address',
  'email',
  'notes',
  'serial_number',
  'latitude',
  'longitude',
  'seizure_date',
  'country',
  'state',
  'firearm_type',
  'make',
  'quantity',
];

/** One planted record, `i` from 0. */
export function anonRow(i: number): string[] {
  let s = (i * 2654435761 + 12345) >>> 0;
  const r = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const [country, state, lat, lon] = PLACES[r(PLACES.length)]!;
  const name = `${FIRST[r(FIRST.length)]} ${LAST[r(LAST.length)]}`;
  const day = new Date(Date.UTC(2018, 0, 1) + r(5 * 365) * 86_400_000).toISOString().slice(0, 10);
  return [
    `CR-${2018 + r(5)}-${String(100000 + i).padStart(6, '0')}`,
    name,
    `+52 55 ${1000 + r(9000)} ${1000 + r(9000)}`,
    `Calle ${r(200) + 1} de Mayo ${r(900) + 10}, Colonia Centro`,
    `${name.split(' ')[0]!.toLowerCase()}.${i}@example.org`,
    `Detenido ${name} en retén con ${r(4) + 1} armas ocultas en el vehículo; declaró trabajar para un tercero.`,
    `SN${String(7000000 + i * 7)}X${r(10)}`,
    (lat + (r(20000) - 10000) / 100000).toFixed(6),
    (lon + (r(20000) - 10000) / 100000).toFixed(6),
    day,
    country,
    state,
    TYPES[r(TYPES.length)]!,
    MAKES[r(MAKES.length)]!,
    String(r(3) + 1),
  ];
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes `rows` planted records as CSV to `path`. */
export async function writeAnonFixture(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${ANON_HEADER.join(',')}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${anonRow(i).map(csvField).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
