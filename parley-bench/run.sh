#!/usr/bin/env bash
# Runs a Parley benchmark scenario (or the JMH benchmarks, or the chart renderer) from the repository root.
#
#   parley-bench/run.sh B1 [--users 2000 --rates 1000,5000,... --step 10s]   one-to-one, rate steps, saturation
#   parley-bench/run.sh B2 [--group-size 100|1024 --groups 10]              group fan-out
#   parley-bench/run.sh B3 [--connections 19500]                            idle connections: memory per connection
#   parley-bench/run.sh B4 [--devices 10000 --backlog 100]                  reconnect storm
#   parley-bench/run.sh B5 [--messages 10000000]                            start-to-ready on a big database
#   parley-bench/run.sh jmh [JMH options, e.g. CodecBenchmark -f 1]         JMH benchmarks of the hot paths
#   parley-bench/run.sh charts parley-bench/results/B1-*.json               PNG charts of results
#   parley-bench/run.sh jfr-top server.jfr                                  hottest methods of a JFR recording
#
# Builds what is needed first (the server's shaded jar, then this module), raises the open-file limit to the hard
# limit, and runs the scenario with the server as a separate JVM. Every option is described in docs/benchmarks.md.
# Set PARLEY_BENCH_SKIP_BUILD=1 to reuse the jars as they are; BENCH_JVM_OPTS for the generator's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
ulimit -n "$(ulimit -Hn)"

server_jar=parley-server/target/parley-server.jar
bench_jar=parley-bench/target/parley-bench.jar
if [ "${PARLEY_BENCH_SKIP_BUILD:-0}" != 1 ]; then
  # One reactor build (-am): the sibling modules come from this tree, not from whatever ~/.m2 holds.
  echo "run.sh: building the server jar and parley-bench (mvn -q -o -pl parley-server,parley-bench -am package -DskipTests)" >&2
  if ! mvn -q -o -pl parley-server,parley-bench -am package -DskipTests >/tmp/parley-bench-build.log 2>&1; then
    if [ -f "$server_jar" ] && [ -f "$bench_jar" ]; then
      echo "run.sh: WARNING: the build failed (see /tmp/parley-bench-build.log); using the existing jars" >&2
    else
      cat /tmp/parley-bench-build.log >&2; exit 1
    fi
  fi
fi

case "${1:-}" in
  [bB][1-5]) extra=(--server-jar "$server_jar") ;;
  *) extra=() ;;
esac
# shellcheck disable=SC2086
exec java ${BENCH_JVM_OPTS:--Xms1g -Xmx2g} --enable-native-access=ALL-UNNAMED -jar "$bench_jar" "$@" "${extra[@]}"
