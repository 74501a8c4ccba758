# Sourced by ./parley and .ci/run: picks a JDK >= 21 and sets JAVA_HOME, PATH and MAVEN_OPTS.
java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/*; do [ -x "$d/bin/javac" ] && candidates+=("$d"); done
  local best="" best_major=0 major
  for d in "${candidates[@]}"; do
    [ -x "$d/bin/javac" ] || continue
    major=$(java_major "$d")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$d"; best_major="$major"
    fi
  done
  echo "$best"
}

JDK=$(find_jdk)
if [ -z "$JDK" ]; then
  echo "parley: no JDK >= 21 found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. Temurin 21+." >&2
  exit 1
fi
export JAVA_HOME="$JDK"
export PATH="$JAVA_HOME/bin:$PATH"
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
command -v mvn >/dev/null || { echo "parley: Maven (mvn) is required" >&2; exit 1; }
