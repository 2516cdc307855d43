/**
 * A tiny hand-made dataset, small enough to work out every aggregate by hand: six seizures on
 * known routes, their firearms and six places. Tables are created from the real schema.
 */
import { TABLES, createTableSql } from '../../src/model/schema';
import type { TestDb } from './wasmDb';

/** Seizures: id, date, country, origin, transit, destination, firearms. */
export const TINY_SEIZURES: [
  number,
  string,
  string,
  string | null,
  string[],
  string | null,
  number,
][] = [
  [1, '2020-01-10', 'GTM', 'USA', ['MEX'], 'GTM', 3],
  [2, '2020-02-01', 'MEX', 'USA', [], 'MEX', 5],
  [3, '2021-05-05', 'HND', 'USA', ['MEX', 'GTM'], 'HND', 2],
  [4, '2021-06-01', 'MEX', null, [], 'MEX', 1],
  [5, '2021-07-01', 'MEX', 'MEX', [], 'MEX', 4],
  [6, '2020-01-20', 'COL', 'VEN', [], 'COL', 7],
];

const PLACES: [string, string, string, number, number][] = [
  ['USA', '840', 'north_america', -97, 38],
  ['MEX', '484', 'central_america_mexico', -102, 23],
  ['GTM', '320', 'central_america_mexico', -90.25, 15.5],
  ['HND', '340', 'central_america_mexico', -86.5, 15],
  ['VEN', '862', 'south_america', -66, 8],
  ['COL', '170', 'south_america', -72, 4],
];

const q = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);

/** Creates and fills the tiny dataset's tables in the test database's default catalog. */
export async function loadTinyFixture(db: TestDb): Promise<void> {
  for (const t of TABLES) await db.rows(createTableSql(t));
  for (const [iso3, numeric, region, lon, lat] of PLACES) {
    await db.rows(
      `INSERT INTO places VALUES ('${iso3}', '${iso3.slice(0, 2)}', '${numeric}', '${iso3} name', '${iso3} es', '${iso3} fr', '${iso3} pt', 'r', 'sr', '${region}', ${region !== 'north_america'}, ${lat}, ${lon})`,
    );
  }
  let firearmId = 0;
  for (const [id, date, country, origin, transit, dest, n] of TINY_SEIZURES) {
    await db.rows(`INSERT INTO seizures VALUES (${id}, DATE '${date}', 'day', '${country}', NULL, 0, 0, 'approx_10km', 'land_border', 'police', NULL,
      'seized', 'illicit_trafficking', 'trafficking', false, false, false, false, false, false, ${n}, 0, 0, 1, 'road_vehicle', 'none',
      ${q(origin)}, [${transit.map(q).join(', ')}]::VARCHAR[], ${q(dest)}, 'B', NULL, NULL)`);
    for (let k = 0; k < n; k++) {
      const type = id === 3 && k === 0 ? 'rifle' : 'pistol';
      await db.rows(
        `INSERT INTO firearms VALUES (${++firearmId}, ${id}, '${type}', 'Make', 'Model', '9×19mm', 'USA', 2015, 'intact', 'original', 'not_checked', NULL, NULL)`,
      );
    }
  }
}
