#!/usr/bin/env bash
# The full measurement behind docs/benchmarks.md, in the order it was run: JMH, B1, B2 (100 and 1024 members),
# B3 (default heap, then a fixed pre-touched heap), B4, B5 (default, then with an AppCDS archive), the JFR profiles
# used for the bottleneck analysis, and the charts. Each step's console output goes to results/logs/. ~45 minutes.
# Run it on a quiet machine: other work on the same cores lowers every number (the load average is recorded).
set -uo pipefail
cd "$(dirname "$0")/.."
run=parley-bench/run.sh
logs=parley-bench/results/logs
mkdir -p "$logs" parley-bench/results/profiles parley-bench/target/profiles
stamp() { date +%Y%m%d-%H%M%S; }
step() { # name, then the run.sh arguments
  local name=$1; shift
  echo "=== $name: $* (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  PARLEY_BENCH_SKIP_BUILD=1 "$run" "$@" > "$logs/$name-$(stamp).log" 2>&1 || echo "!!! $name failed (see $logs)"
  grep -E 'target |result:|load average' "$logs/$name"-*.log | tail -6
}

echo "build:"; "$run" help >/dev/null 2>&1 || true   # builds the server jar and parley-bench
step jmh jmh -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff "parley-bench/results/jmh-$(stamp).json"
step b1 B1
step b1-no-acks B1 --ack-every 0 --label no-acks
step b2-g100 B2 --group-size 100 --groups 10
step b2-g1024 B2 --group-size 1024 --groups 2
step b2-g1024-no-acks B2 --group-size 1024 --groups 2 --ack-every 0 --label no-acks
step b3 B3
step b3-fixed-heap B3 --server-jvm-opts "-Xms1g -Xmx1g -XX:+AlwaysPreTouch"
step b4 B4
step b5 B5
step b5-appcds B5 --server-jvm-opts "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=parley-bench/target/parley-server.jsa"
# profiles: JFR recordings (large, under target/) and their summaries (results/profiles/*-top.txt)
prof=parley-bench/target/profiles
other=(--results parley-bench/target/profile-results)
step profile-b1 B1 --rates 2000 --step 20s --warmup 10s --server-jfr $prof/b1-2000.jfr "${other[@]}"
step profile-b2 B2 --group-size 100 --groups 10 --rates 100 --step 20s --warmup 10s --server-jfr $prof/b2-g100.jfr "${other[@]}"
step profile-b4 B4 --server-jfr $prof/b4.jfr "${other[@]}"
step profile-b5 B5 --runs 1 --server-jvm-opts "-XX:StartFlightRecording=filename=$prof/b5-start-%p.jfr,settings=profile" "${other[@]}"
for f in $prof/*.jfr; do
  PARLEY_BENCH_SKIP_BUILD=1 "$run" jfr-top "$f" --top 30 > "parley-bench/results/profiles/$(basename "${f%.jfr}")-top.txt" 2>&1
done
PARLEY_BENCH_SKIP_BUILD=1 "$run" charts parley-bench/results/B1-*.json parley-bench/results/B2-*.json
echo "done; load average $(cat /proc/loadavg)"
