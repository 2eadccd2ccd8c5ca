// duckdb_peer.mjs: runs one DuckDB query against a file and prints the result, as a peer for
// bench/peers.sh and bench/quest.sh. It times nothing itself (the scripts time it with
// /usr/bin/time, node's start-up included).
//
//   node bench/duckdb_peer.mjs crosstab EXPORT   the crosstab of bench/peers.sh
//   node bench/duckdb_peer.mjs paired FILE       the query of bench/quest_peer.py, numeric
//   node bench/duckdb_peer.mjs hls FILE          the same, HLS texts coded 1-4
//   node bench/duckdb_peer.mjs sql 'QUERY' [FILE]  any SQL; {file} is replaced by FILE quoted
//
// DuckDB comes from the npm package @duckdb/node-api, installed into bench/out/duckdb/ by
// bench/duckdb-setup.sh (or the directory in DUCKDB_DIR). Threads: DUCKDB_THREADS, default 2.
//
// paired and hls read the long-form questionnaire (Deltagar-ID;Tillfälle;Kön;items), code the
// answers (numbers with a decimal comma or point; the HLS texts in any case; "Vet inte" and
// empty as missing), pair Start with Avslut by id and print per item: linked answers, worse /
// unchanged / better, medians and means at both occasions, and the exact two-sided sign-test
// p-value, computed in SQL: min(1, 2 P(X <= min(better, worse))), X ~ Bin(better + worse, 1/2),
// a sum of terms from lgamma. Like the pandas peer it makes only the total table (no tables per
// sex, no Wilcoxon test, no per-cell checks): it does less than finsam-stats.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const duckDir = process.env.DUCKDB_DIR || join(benchDir, 'out', 'duckdb');
const threads = process.env.DUCKDB_THREADS || '2';

function usage() {
    console.error('usage: duckdb_peer.mjs crosstab|paired|hls FILE, or duckdb_peer.mjs sql QUERY [FILE]');
    process.exit(2);
}

const quote = (s) => "'" + String(s).replaceAll("'", "''") + "'";
const ident = (s) => '"' + String(s).replaceAll('"', '""') + '"';

function crosstabSql(file) {
    const names = Array.from({ length: 13 }, (_, i) => quote('column' + i)).join(', ');
    return `SELECT column7, column2, count(*) AS n
        FROM read_csv(${quote(file)}, delim = ';', header = true, all_varchar = true, names = [${names}])
        WHERE starts_with(column6, '2024') GROUP BY ALL ORDER BY ALL`;
}

// The paired query, written from the file's item columns (all but the first three).
function pairedSql(file, items, kind) {
    const code = (c) => kind === 'hls'
        ? `CASE lower(${c}) WHEN 'mycket svårt' THEN 1 WHEN 'ganska svårt' THEN 2
               WHEN 'ganska lätt' THEN 3 WHEN 'mycket lätt' THEN 4 END::DOUBLE`
        : `TRY_CAST(replace(${c}, ',', '.') AS DOUBLE)`;
    const coded = items.map((c, i) => `${code(ident(c))} AS v${i}`).join(',\n        ');
    const list = (p) => '[' + items.map((_, i) => `${p}.v${i}`).join(', ') + ']';
    const names = '[' + items.map(quote).join(', ') + ']';
    return `
    WITH t AS (SELECT * FROM read_csv(${quote(file)}, delim = ';', header = true, all_varchar = true)),
    coded AS (SELECT "Deltagar-ID" AS id, "Tillfälle" AS occ,
        ${coded}
        FROM t),
    pairs AS (SELECT unnest(range(${items.length})) AS item, unnest(${list('s')}) AS vs, unnest(${list('e')}) AS ve
        FROM coded s JOIN coded e ON s.id = e.id AND s.occ = 'Start' AND e.occ = 'Avslut'),
    per_item AS (SELECT item, count(*) AS linked, count(*) FILTER (ve < vs) AS worse,
            count(*) FILTER (ve = vs) AS unchanged, count(*) FILTER (ve > vs) AS better,
            median(vs) AS median_start, median(ve) AS median_end, avg(vs) AS mean_start, avg(ve) AS mean_end
        FROM pairs WHERE vs IS NOT NULL AND ve IS NOT NULL GROUP BY item),
    sign_test AS (SELECT item, least(1.0, 2 * sum(exp(lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) - n * ln(2)))) AS p
        FROM (SELECT item, better + worse AS n, least(better, worse) AS m FROM per_item),
            LATERAL (SELECT unnest(range(m + 1)) AS k)
        GROUP BY item)
    SELECT ${names}[item + 1] AS item, linked, worse, unchanged, better, median_start, median_end,
        mean_start, mean_end, coalesce(p, 1.0) AS p
    FROM per_item LEFT JOIN sign_test USING (item) ORDER BY per_item.item`;
}

async function main() {
    const [what, arg1, arg2] = process.argv.slice(2);
    if (!what || !arg1) usage();
    let api;
    try {
        api = createRequire(pathToFileURL(join(duckDir, 'package.json')))('@duckdb/node-api');
    } catch (e) {
        console.error(`duckdb_peer.mjs: @duckdb/node-api is not in ${duckDir}: run bench/duckdb-setup.sh`);
        process.exit(1);
    }
    const instance = await api.DuckDBInstance.create(':memory:', { threads });
    const con = await instance.connect();
    let sql;
    if (what === 'crosstab') {
        sql = crosstabSql(arg1);
    } else if (what === 'paired' || what === 'hls') {
        const cols = await con.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM
            read_csv(${quote(arg1)}, delim = ';', header = true, all_varchar = true))`);
        sql = pairedSql(arg1, cols.getRows().slice(3).map((r) => r[0]), what);
    } else if (what === 'sql') {
        sql = arg2 === undefined ? arg1 : arg1.replaceAll('{file}', quote(arg2));
    } else {
        usage();
    }
    const result = await con.runAndReadAll(sql);
    console.log(result.columnNames().join(';'));
    for (const row of result.getRows()) console.log(row.map((v) => (v === null ? '' : String(v))).join(';'));
}

main().catch((e) => {
    console.error('duckdb_peer.mjs: ' + e.message);
    process.exit(1);
});
