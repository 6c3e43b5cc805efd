#!/usr/bin/env bash
# Requests/s and p99 latency of vite_files!() (embedded, and from_disk) against tower-http's ServeDir and memory-serve on the
# same 219 kB bundle (the React fixture's), with `Accept-Encoding: br`, uncompressed
# (from_disk has no .br beside the file: Vite wrote none), and as a 304 revalidation, at 4 and 64 connections, with wrk (Debian's `wrk` package),
# on loopback; then the binary's size, the bytes it embeds, and its peak RSS.
#
#     benches/serve/run.sh [SECONDS]     # default 5 s a run
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-5}"
cargo build --release --quiet
binary=target/release/vite-asset-serve-bench
"$binary" > server.out &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do [ -s server.out ] && break; sleep 0.1; done
read -r _ ours _ theirs _ memory _ path _ embedded _ disk < server.out
etag() { curl -s -o /dev/null -D - -H 'Accept-Encoding: br' "http://127.0.0.1:$1$path" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}'; }
echo "| server | request | connections | requests/s | p99 latency |"
echo "|---|---|---|---|---|"
for connections in 4 64; do
  for name in vite_files from_disk servedir memory_serve; do
    port=$ours; [ "$name" = servedir ] && port=$theirs; [ "$name" = memory_serve ] && port=$memory
    [ "$name" = from_disk ] && port=$disk
    for request in br identity 304; do
      headers=(-H 'Accept-Encoding: br')
      [ "$request" = identity ] && headers=(-H 'Accept-Encoding: identity')
      if [ "$request" = 304 ]; then
        tag=$(etag "$port")
        if [ -z "$tag" ]; then
          # ServeDir sends no ETag: it revalidates with Last-Modified.
          modified=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: br' "http://127.0.0.1:$port$path" | tr -d '\r' | awk -F': ' 'tolower($1)=="last-modified" {print $2}')
          headers+=(-H "If-Modified-Since: $modified")
        else
          headers+=(-H "If-None-Match: $tag")
        fi
      fi
      status=$(curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "http://127.0.0.1:$port$path")
      out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${headers[@]}" "http://127.0.0.1:$port$path")
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      p99=$(echo "$out" | awk '$1=="99%" {print $2}')
      echo "| $name | $request ($status) | $connections | $rps | $p99 |"
    done
  done
done
echo
echo "binary: $(stat -c %s "$binary") bytes; embedded files and variants: $embedded bytes"
echo "peak RSS of the four servers after the runs: $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"
