#!/usr/bin/env bash
# Whole-process benchmark: time `tracemill run` on generated OpenAI logs of several sizes and print
# throughput, CPU and peak memory. Reports figures; never fails on a timing.
#
#   bench/run.sh                 # sizes 50MB and 200MB
#   bench/run.sh 20MB 1GB        # other sizes
#   JAVA_OPTS=-Xmx512m bench/run.sh
#
# Environment:
#   JAVA_OPTS    extra JVM options for the tracemill run (e.g. -Xmx1g)
#   MVN_FLAGS    extra Maven flags for the build (e.g. -o for offline)
#   REBUILD=1    rebuild even when the jars exist
#   BENCH_TIMER  gnu | proc | auto (default): GNU time, or bash timing plus /proc/PID/status VmHWM sampling
#   SEED         generator seed (default 1)
#   PII          on | off (default off: the figure to hold is ingest -> export without redaction)
#
# Exit status: 0 when every run succeeded, 1 when a run failed (its row says FAILED and the exit code),
# 2 when the build or data generation failed. Slow figures never change the exit status.

set -u

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2

CLI_JAR=tracemill-cli/target/tracemill.jar
BENCH_CLASSES=bench/target/classes
CLASSPATH_FILE=bench/target/classpath.txt
DATA_DIR=bench/data
OUT_DIR=bench/out
SEED=${SEED:-1}
PII=${PII:-off}
JAVA_OPTS=${JAVA_OPTS:-}
MVN_FLAGS=${MVN_FLAGS:-}

if [ "$#" -gt 0 ]; then
  SIZES=("$@")
else
  SIZES=(50MB 200MB)
fi

log() { printf '%s\n' "$*" >&2; }

# --- build --------------------------------------------------------------------------------------------
if [ "${REBUILD:-0}" = 1 ] || [ ! -f "$CLI_JAR" ] || [ ! -f "$BENCH_CLASSES/dev/tracemill/bench/GenerateLogs.class" ]; then
  log "building: mvn -q -B -DskipTests package $MVN_FLAGS"
  # shellcheck disable=SC2086  # MVN_FLAGS is a list of flags
  if ! mvn -q -B -DskipTests package $MVN_FLAGS; then
    log "build failed; fix it and rerun (MVN_FLAGS=-o builds offline)"
    exit 2
  fi
  rm -f "$CLASSPATH_FILE"
fi

# The generator needs bench classes plus Jackson. Ask Maven for the classpath once; if the dependency
# plugin is unavailable, the shaded CLI jar carries Jackson too.
if [ ! -s "$CLASSPATH_FILE" ]; then
  # shellcheck disable=SC2086
  mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
      -Dmdep.includeScope=runtime $MVN_FLAGS >/dev/null 2>&1 || rm -f "$CLASSPATH_FILE"
fi
if [ -s "$CLASSPATH_FILE" ]; then
  GEN_CP="$BENCH_CLASSES:$(cat "$CLASSPATH_FILE")"
else
  GEN_CP="$BENCH_CLASSES:$CLI_JAR"
fi

# --- data ---------------------------------------------------------------------------------------------
mkdir -p "$DATA_DIR" "$OUT_DIR"
for size in "${SIZES[@]}"; do
  file="$DATA_DIR/openai-$size.jsonl"
  if [ ! -s "$file" ]; then
    log "generating $file"
    # Write to a temporary name so an interrupted run never leaves a short file that looks finished.
    if ! java -cp "$GEN_CP" dev.tracemill.bench.GenerateLogs --format openai --size "$size" --seed "$SEED" \
        --out "$file.part"; then
      log "generating $file failed"
      rm -f "$file.part"
      exit 2
    fi
    mv "$file.part" "$file"
  fi
done

# --- timing -------------------------------------------------------------------------------------------
TIMER=${BENCH_TIMER:-auto}
if [ "$TIMER" = auto ]; then
  if [ -x /usr/bin/time ]; then TIMER=gnu; else TIMER=proc; fi
fi
if [ "$TIMER" = proc ] && [ ! -x /usr/bin/time ]; then
  log "note: /usr/bin/time not found (apt-get install time); using bash timing and /proc VmHWM sampling"
fi

# Prints "user sys" seconds used by this shell's waited-for children. `times` must run in this shell (a
# subshell starts from zero), so its output goes through a file.
children_cpu() {
  local self children
  times > "$OUT_DIR/.times"
  { read -r self; read -r children; } < "$OUT_DIR/.times"
  # children is like "0m1.234s 0m0.056s"
  awk -v s="$children" 'BEGIN {
    n = split(s, f, " "); tot[1] = 0; tot[2] = 0;
    for (i = 1; i <= 2 && i <= n; i++) { t = f[i]; sub(/s$/, "", t); gsub(/,/, ".", t); split(t, ms, "m"); tot[i] = ms[1] * 60 + ms[2] }
    printf "%.3f %.3f\n", tot[1], tot[2] }'
}

# Runs the command given as arguments with its stderr in $RUN_LOG; sets RC, WALL, USER_S, SYS_S, RSS_KB.
measure() {
  RC=0; WALL=0; USER_S=0; SYS_S=0; RSS_KB=0
  if [ "$TIMER" = gnu ]; then
    local tf
    tf=$(mktemp)
    /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$RUN_LOG.stdout" 2>"$RUN_LOG"
    RC=$?
    # On failure GNU time puts "Command exited with non-zero status N" first; the figures are the last line.
    read -r WALL USER_S SYS_S RSS_KB < <(tail -n 1 "$tf")
    rm -f "$tf"
  else
    local before after start end pid key value _ sleeper
    children_cpu > "$OUT_DIR/.cpu"
    read -r -a before < "$OUT_DIR/.cpu"
    start=$EPOCHREALTIME
    "$@" >"$RUN_LOG.stdout" 2>"$RUN_LOG" &
    pid=$!
    # Sample the high-water mark with builtins only, so the sampler adds no child CPU time.
    exec {sleeper}<> <(:)
    while [ -r "/proc/$pid/status" ]; do
      while read -r key value _; do
        if [ "$key" = "VmHWM:" ]; then RSS_KB=$value; fi
      done < "/proc/$pid/status" 2>/dev/null
      read -r -t 0.05 -u "$sleeper" _ 2>/dev/null
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
    done
    exec {sleeper}<&-
    wait "$pid"
    RC=$?
    end=$EPOCHREALTIME
    children_cpu > "$OUT_DIR/.cpu"
    read -r -a after < "$OUT_DIR/.cpu"
    WALL=$(awk -v a="${start/,/.}" -v b="${end/,/.}" 'BEGIN { printf "%.2f", b - a }')
    USER_S=$(awk -v a="${before[0]}" -v b="${after[0]}" 'BEGIN { printf "%.2f", b - a }')
    SYS_S=$(awk -v a="${before[1]}" -v b="${after[1]}" 'BEGIN { printf "%.2f", b - a }')
  fi
  : "${WALL:=0}" "${USER_S:=0}" "${SYS_S:=0}" "${RSS_KB:=0}"
}

RESULTS="$OUT_DIR/results.tsv"
printf 'size\tinput_mb\twall_s\tmb_per_s\tcpu_s\tmb_per_s_per_core\tpeak_rss_mb\tstatus\n' > "$RESULTS"
ANY_FAILED=0
log "timer: $TIMER; JAVA_OPTS='${JAVA_OPTS}'"
for size in "${SIZES[@]}"; do
  file="$DATA_DIR/openai-$size.jsonl"
  out="$OUT_DIR/$size"
  RUN_LOG="$OUT_DIR/$size.log"
  rm -rf "$out"
  bytes=$(stat -c %s "$file")
  log "running tracemill on $file ($bytes bytes)"
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of JVM flags
  measure java $JAVA_OPTS -jar "$CLI_JAR" run --in "$file" --out "$out" --format trl --pii "$PII" --quiet
  if [ "$RC" -eq 0 ]; then
    status=ok
  else
    status="FAILED(exit $RC; see $RUN_LOG)"
    ANY_FAILED=1
  fi
  awk -v size="$size" -v bytes="$bytes" -v wall="$WALL" -v user="$USER_S" -v sys="$SYS_S" -v rss="$RSS_KB" \
      -v status="$status" 'BEGIN {
        mb = bytes / 1e6; cpu = user + sys;
        rate = wall > 0 ? sprintf("%.1f", mb / wall) : "n/a";
        core = cpu > 0 ? sprintf("%.1f", mb / cpu) : "n/a";
        printf "%s\t%.1f\t%.2f\t%s\t%.2f\t%s\t%.0f\t%s\n", size, mb, wall, rate, cpu, core, rss / 1024, status }' \
      >> "$RESULTS"
done

echo
column -t -s $'\t' "$RESULTS" 2>/dev/null || cat "$RESULTS"
echo
echo "MB = 10^6 bytes of input. MB/s = input MB / wall seconds; MB/s/core = input MB / (user + sys) seconds."
if [ "$TIMER" = proc ]; then
  echo "peak RSS sampled from /proc/PID/status VmHWM every 50 ms (a lower bound); install GNU time for exact figures."
fi
echo "table saved to $RESULTS"
exit "$ANY_FAILED"
