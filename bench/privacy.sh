#!/usr/bin/env bash
# Privacy detector benchmark (issue 3: >= 20 MB/s per core with every rule and secret detector on).
# Times each detector of the default set alone, then rules + secrets, the lexicon (name/place) detectors,
# and all together, on one thread over generated chat text with planted personal data and secrets.
# Reports figures; never fails on a timing.
#
#   bench/privacy.sh                       # 20 MB of text from bench/data/openai-50MB.jsonl, 3 rounds
#   bench/privacy.sh --mb 5 --rounds 5     # arguments go to dev.tracemill.bench.PrivacyBench
#
# Environment: MVN_FLAGS (e.g. -o), REBUILD=1 (compile again), JAVA_OPTS (default -Xmx2g), SEED (default 1),
#   CORE_CLASSES: the tracemill-core classes to measure (default tracemill-core/target/classes); point it at
#   the compiled classes of another commit to compare before and after on the same text and machine.
# Exit status: 0 measured, 2 build or data generation failed.

set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
MVN_FLAGS=${MVN_FLAGS:-}
JAVA_OPTS=${JAVA_OPTS:--Xmx2g}
SEED=${SEED:-1}
DATA=bench/data/openai-50MB.jsonl
CLASSPATH_FILE=bench/target/classpath.txt

if [ "${REBUILD:-0}" = 1 ] || [ ! -f bench/target/classes/dev/tracemill/bench/PrivacyBench.class ] \
    || [ ! -d tracemill-core/target/classes/dev/tracemill/privacy ]; then
  echo "building: mvn -q -B -pl bench -am -DskipTests compile $MVN_FLAGS" >&2
  # shellcheck disable=SC2086
  mvn -q -B -pl bench -am -DskipTests compile $MVN_FLAGS || { echo "build failed" >&2; exit 2; }
fi
if [ ! -s "$CLASSPATH_FILE" ]; then
  # shellcheck disable=SC2086
  mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
      -Dmdep.includeScope=runtime $MVN_FLAGS >/dev/null 2>&1 || { echo "no classpath" >&2; exit 2; }
fi
# This worktree's core classes, never a tracemill-core jar from the local Maven repository.
DEPS=$(tr ':' '\n' < "$CLASSPATH_FILE" | grep -v '/tracemill-core/' | paste -sd: -)
CORE_CLASSES=${CORE_CLASSES:-tracemill-core/target/classes}
CP="$CORE_CLASSES:bench/target/classes:$DEPS"

if [ ! -s "$DATA" ]; then
  mkdir -p bench/data
  echo "generating $DATA" >&2
  java -cp "$CP" dev.tracemill.bench.GenerateLogs --format openai --size 50MB --seed "$SEED" --out "$DATA.part" \
      && mv "$DATA.part" "$DATA" || { rm -f "$DATA.part"; exit 2; }
fi

echo "core classes: $CORE_CLASSES"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
# shellcheck disable=SC2086
java $JAVA_OPTS -cp "$CP" dev.tracemill.bench.PrivacyBench "$DATA" --seed "$SEED" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
