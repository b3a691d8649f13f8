#!/usr/bin/env bash
# Telemetry benchmarks, side by side: Aegis on SQLite, Aegis on PostgreSQL and Zipkin (in-memory storage), all on
# loopback, driven by one load driver that visits them in turn each round.
#
#   aegis-bench/run-ingest-bench.sh [ingest|query|all] [driver flags]
#     ingest (the default)  OTLP ingest rate (IngestLoad): e.g. --rounds 7 --duration 15s --format json --gzip on
#     query                 time to answer the trace of a 10,000-span run (TraceQueryLoad): e.g. --rounds 7
#     all                   both on the same servers, the query after the ingest load (a full database); the flags go
#                           to IngestLoad, QUERY_FLAGS to TraceQueryLoad
#
# It builds aegis-bench, fetches the Zipkin server from Maven Central (once, into aegis-bench/target/zipkin), starts
# an embedded PostgreSQL, two Aegis servers and Zipkin with the same heap, runs the driver, prints the table, and
# stops everything it started, also when interrupted. Results and server logs go to aegis-bench/target/ingest-bench/.
#
# Environment:
#   BENCH_HEAP=3g            heap (-Xms and -Xmx) of each server JVM: both Aegis servers and Zipkin
#   ZIPKIN_MEM_MAX_SPANS=200000   spans Zipkin's in-memory storage keeps before it evicts the oldest traces; its
#                            default, 500000, does not fit these 1 KB, 20-attribute spans in a 4 GB heap
#   BENCH_DRIVER_HEAP=1g     heap of the load driver
#   BENCH_TARGETS="aegis-sqlite aegis-postgres zipkin"   which to run
#   BENCH_JFR=1              record each server JVM with JFR (profile settings) into the results directory
#   BENCH_DIR=/path          where the databases live (default: a new directory under TMPDIR); say which disk
#   ZIPKIN_VERSION=3.6.1     io.zipkin:zipkin-server version (classifier exec)
#   BENCH_SKIP_BUILD=1       use what aegis-bench/target already holds
#   QUERY_FLAGS="..."        TraceQueryLoad flags in mode all
set -euo pipefail

MODE=ingest
if [[ $# -gt 0 && "$1" =~ ^(ingest|query|all)$ ]]; then
  MODE="$1"
  shift
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ZIPKIN_VERSION="${ZIPKIN_VERSION:-3.6.1}"
HEAP="${BENCH_HEAP:-3g}"
ZIPKIN_MEM_MAX_SPANS="${ZIPKIN_MEM_MAX_SPANS:-200000}"
DRIVER_HEAP="${BENCH_DRIVER_HEAP:-1g}"
TARGETS="${BENCH_TARGETS:-aegis-sqlite aegis-postgres zipkin}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$ROOT/aegis-bench/target/ingest-bench/$STAMP"
ZIPKIN_JAR="$ROOT/aegis-bench/target/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar"

say() { printf 'ingest-bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
wants() { [[ " $TARGETS " == *" $1 "* ]]; }

# Aegis settings from the caller's environment (AEGIS_DATABASE_URL, say) must not leak into the servers started here.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^AEGIS_' || true)

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
find_jdk() {
  local dir best="" best_major=0 major
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]] && (( $(java_major "$JAVA_HOME") >= 21 )); then
    printf '%s' "$JAVA_HOME"
    return
  fi
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [[ -d "$dir" && ! -L "$dir" && -x "$dir/bin/javac" ]] || continue
    major="$(java_major "$dir")"
    if [[ -n "$major" ]] && (( major >= 21 && major > best_major )); then
      best="$dir"
      best_major="$major"
    fi
  done
  [[ -n "$best" ]] || die "no JDK 21 or newer found; set JAVA_HOME to one"
  printf '%s' "$best"
}
JAVA_HOME="$(find_jdk)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

mvnw() { ./mvnw -B -q --no-transfer-progress "$@"; }

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
  say "building aegis-bench with $JAVA_HOME ..."
  mvnw -pl aegis-bench -am package -DskipTests
fi
if wants zipkin && [[ ! -f "$ZIPKIN_JAR" ]]; then
  say "fetching io.zipkin:zipkin-server:$ZIPKIN_VERSION:exec from Maven Central ..."
  mvnw -N dependency:copy -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
    -DoutputDirectory="$ROOT/aegis-bench/target/zipkin"
fi
CP="$ROOT/aegis-bench/target/classes:$(cat "$ROOT/aegis-bench/target/bench.classpath")"

WORK="${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/aegis-ingest-bench.XXXXXX")}"
mkdir -p "$WORK" "$RESULTS"
STARTED=()
cleanup() {
  local pid
  trap '' INT TERM # a second Ctrl-C must not cut the clean-up short
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  cp "$WORK"/*.log "$RESULTS"/ 2>/dev/null || true
  if [[ -z "${BENCH_DIR:-}" ]]; then
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

SERVER_OPTS=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC --enable-native-access=ALL-UNNAMED)
jfr_opts() {
  if [[ -n "${BENCH_JFR:-}" ]]; then
    printf '%s' "-XX:StartFlightRecording=filename=$RESULTS/$1.jfr,settings=profile,dumponexit=true"
  else
    printf '%s' "-Dbench.server=$1"
  fi
}

# Waits for a launcher's ready file (or, for Zipkin, its log line), giving up when the process died.
wait_ready() {
  local pid="$1" file="$2" what="$3"
  for _ in $(seq 1 240); do
    [[ -s "$file" ]] && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited during start-up; see $RESULTS/${what}.log"
    sleep 0.5
  done
  die "$what did not start within 120 s; see $RESULTS/${what}.log"
}
ready_value() { sed -n "s/^$2=//p" "$1"; }

ADMIN_KEY="bench-admin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
DRIVER_ARGS=()

if wants aegis-sqlite; then
  AEGIS_ADMIN_KEY="$ADMIN_KEY" "$JAVA" "${SERVER_OPTS[@]}" "$(jfr_opts aegis-sqlite)" -cp "$CP" \
    dev.aegis.bench.support.AegisServerMain "$WORK/aegis-sqlite.ready" server.port=0 data.dir="$WORK/aegis-sqlite" \
    >"$WORK/aegis-sqlite.log" 2>&1 &
  STARTED+=($!)
  SQLITE_PID=$!
fi
if wants aegis-postgres; then
  "$JAVA" -Xmx256m -cp "$CP" dev.aegis.bench.support.EmbeddedPostgresMain "$WORK/postgres" "$WORK/postgres.ready" \
    >"$WORK/postgres.log" 2>&1 &
  STARTED+=($!)
  wait_ready $! "$WORK/postgres.ready" postgres
  PG_PID="$(ready_value "$WORK/postgres.ready" pid)"
  AEGIS_ADMIN_KEY="$ADMIN_KEY" AEGIS_DATABASE_PASSWORD=postgres "$JAVA" "${SERVER_OPTS[@]}" \
    "$(jfr_opts aegis-postgres)" -cp "$CP" dev.aegis.bench.support.AegisServerMain "$WORK/aegis-postgres.ready" \
    server.port=0 data.dir="$WORK/aegis-postgres" database.url="$(ready_value "$WORK/postgres.ready" url)" \
    database.user=postgres >"$WORK/aegis-postgres.log" 2>&1 &
  STARTED+=($!)
  AEGIS_PG_PID=$!
fi
if wants zipkin; then
  STORAGE_TYPE=mem MEM_MAX_SPANS="$ZIPKIN_MEM_MAX_SPANS" "$JAVA" "${SERVER_OPTS[@]}" "$(jfr_opts zipkin)" -jar "$ZIPKIN_JAR" \
    '--armeria.ports[0].port=0' '--armeria.ports[0].ip=127.0.0.1' '--armeria.ports[0].protocols=http' \
    >"$WORK/zipkin.log" 2>&1 &
  STARTED+=($!)
  ZIPKIN_PID=$!
fi

if wants aegis-sqlite; then
  wait_ready "$SQLITE_PID" "$WORK/aegis-sqlite.ready" aegis-sqlite
  DRIVER_ARGS+=(--target "aegis-sqlite=$(ready_value "$WORK/aegis-sqlite.ready" url)/v1/traces"
    --admin-key "aegis-sqlite=$ADMIN_KEY" --pid "aegis-sqlite=$SQLITE_PID")
fi
if wants aegis-postgres; then
  wait_ready "$AEGIS_PG_PID" "$WORK/aegis-postgres.ready" aegis-postgres
  DRIVER_ARGS+=(--target "aegis-postgres=$(ready_value "$WORK/aegis-postgres.ready" url)/v1/traces"
    --admin-key "aegis-postgres=$ADMIN_KEY" --pid "aegis-postgres=$AEGIS_PG_PID,$PG_PID")
fi
if wants zipkin; then
  for _ in $(seq 1 240); do
    ZIPKIN_PORT="$(sed -n 's/.*Serving HTTP at .*:\([0-9][0-9]*\) - .*/\1/p' "$WORK/zipkin.log" | head -1)"
    [[ -n "$ZIPKIN_PORT" ]] && break
    kill -0 "$ZIPKIN_PID" 2>/dev/null || die "zipkin exited during start-up; see $RESULTS/zipkin.log"
    sleep 0.5
  done
  [[ -n "$ZIPKIN_PORT" ]] || die "zipkin did not start within 120 s; see $RESULTS/zipkin.log"
  DRIVER_ARGS+=(--target "zipkin=http://127.0.0.1:$ZIPKIN_PORT/api/v2/spans" --pid "zipkin=$ZIPKIN_PID")
fi

say "servers up (heap $HEAP each; databases in $WORK on $(df -PT "$WORK" | awk 'NR==2 {print $2}')); driving load ..."
DRIVER=("$JAVA" -Xms"$DRIVER_HEAP" -Xmx"$DRIVER_HEAP" -XX:+UseG1GC -cp "$CP")
if [[ "$MODE" == ingest || "$MODE" == all ]]; then
  "${DRIVER[@]}" dev.aegis.bench.ingest.IngestLoad "${DRIVER_ARGS[@]}" --out "$RESULTS/ingest.md" "$@" \
    | tee "$RESULTS/ingest.log"
fi
if [[ "$MODE" == query || "$MODE" == all ]]; then
  # the query driver takes each server's root; Zipkin answers GET /api/v2/trace/{id} as a flat list, for reference
  QUERY_ARGS=()
  for ((i = 0; i < ${#DRIVER_ARGS[@]}; i += 2)); do
    flag="${DRIVER_ARGS[i]}" value="${DRIVER_ARGS[i + 1]}"
    case "$flag:$value" in
      --target:zipkin=*) QUERY_ARGS+=(--zipkin "${value%/api/v2/spans}") ;;
      --target:*) QUERY_ARGS+=(--target "${value%/v1/traces}") ;;
      *) QUERY_ARGS+=("$flag" "$value") ;;
    esac
  done
  if [[ "$MODE" == all ]]; then
    # shellcheck disable=SC2086
    set -- ${QUERY_FLAGS:-}
  fi
  "${DRIVER[@]}" dev.aegis.bench.query.TraceQueryLoad "${QUERY_ARGS[@]}" --out "$RESULTS/query.md" "$@" \
    | tee "$RESULTS/query.log"
fi
say "results and server logs in ${RESULTS#"$ROOT"/}"
