#!/usr/bin/env bash
# JMH benchmark of TrainingDataLogger.log() for a 2 KB call (dev.tracemill.bench.CaptureLogBench).
# Reports figures (median = p0.50 and mean, microseconds per call); never fails on a timing.
#
#   bench/capture.sh                                  # every_line and buffered, 1 thread
#   bench/capture.sh -p policy=every_line,buffered,synced,every_line_no_process_lock
#   bench/capture.sh -t 4                             # 4 threads sharing one logger
#
# Extra arguments go to JMH. Environment: MVN_FLAGS (e.g. -o), REBUILD=1, JMH_OPTS (default
# "-f 1 -wi 3 -w 1s -i 5 -r 1s"). Results: bench/out/capture-jmh.txt (and .json).
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
MVN_FLAGS=${MVN_FLAGS:-}
CP_FILE=bench/target/capture-classpath.txt
if [ "${REBUILD:-0}" = 1 ] || [ ! -f bench/target/classes/META-INF/BenchmarkList ] || [ ! -f "$CP_FILE" ]; then
  # package (not install): the reactor gives bench the modules' jars; nothing is written to ~/.m2.
  # The classpath is written by each module of the reactor in turn; bench comes last.
  mvn -q -B $MVN_FLAGS -pl bench -am package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile="$ROOT/$CP_FILE" -Dmdep.includeScope=runtime || exit 2
fi
mkdir -p bench/out/capture
CP="bench/target/classes:$(cat "$CP_FILE")"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), disk: $(df -h bench/out | tail -1 | awk '{print $1, $6}')"
# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main CaptureLogBench ${JMH_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s} \
    -rf json -rff bench/out/capture-jmh.json "$@" | tee bench/out/capture-jmh.txt
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
