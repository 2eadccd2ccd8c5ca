#!/bin/sh
# duckdb-setup.sh: installs DuckDB for the benchmarks (bench/peers.sh, bench/quest.sh) into
# bench/out/duckdb/ (git-ignored), from the npm registry: the package @duckdb/node-api, which
# brings its own prebuilt library. DuckDB has no Debian package. Needs node (18 or later) and
# npm. Usage: bench/duckdb-setup.sh [VERSION]   (default: the newest version on npm)
set -eu
bench_dir=$(cd "$(dirname "$0")" && pwd)
dir=$bench_dir/out/duckdb
pkg=@duckdb/node-api${1:+@$1}
for c in node npm; do
    command -v "$c" >/dev/null 2>&1 || { echo "duckdb-setup.sh: $c is not installed (Debian: apt-get install nodejs npm)" >&2; exit 1; }
done
mkdir -p "$dir"
echo "duckdb-setup.sh: npm install --prefix $dir $pkg"
npm install --prefix "$dir" --no-audit --no-fund "$pkg"
echo "duckdb-setup.sh: installed into $dir; DuckDB answers:"
node "$bench_dir/duckdb_peer.mjs" sql "SELECT version() AS duckdb, current_setting('threads') AS threads"
