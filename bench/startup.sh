#!/usr/bin/env bash
# Start time and resident memory of the gateway on its embedded defaults (README "Measured").
# Runs the README's command, `java -XX:SharedArchiveFile=target/kis-gateway.jsa -jar target/kis-gateway.jar`
# (without the option when the build made no class-data archive), N times (default 5) from a clean data
# directory, measures the time
# from exec to the first HTTP 200 of /q/health and the resident set size 20 s after start (the JVM alone and
# with its embedded PostgreSQL processes, as the sum of their RSS and as the sum of their PSS, which counts a page
# the processes share once), stops it with SIGTERM, and prints each run and the medians.
# Usage: bench/startup.sh [runs]    (build first: mvn -q -DskipTests package, which makes the archive too)
#        CLASS_ARCHIVE=none bench/startup.sh [runs]   without the class-data archive
#        JAVA_OPTS="..." bench/startup.sh [runs]   options for the JVM, e.g. -Dgateway.jvm.trim-heap-after-start=false
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${GATEWAY_HTTP_PORT:-8080}
jar=$PWD/target/kis-gateway.jar
[[ -f $jar ]] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
archive=${CLASS_ARCHIVE:-$PWD/target/kis-gateway.jsa}
archive_opt=""
if [[ $archive != none && -f $archive ]]; then archive_opt="-XX:SharedArchiveFile=$archive"; fi
echo "class-data archive: ${archive_opt:-none}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# copies, not links: Camel's route scanner does not follow a linked routes/ directory
cp -r "$PWD/config" "$work/config"
cp -r "$PWD/routes" "$work/routes"
# the postmaster and its backends
descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }
starts=(); jvm=(); total=(); pss=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  (cd "$work" && exec java $archive_opt ${JAVA_OPTS:-} -jar "$jar" >"$work/run-$i.log" 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health"; do
    sleep 0.05
    kill -0 "$pid" 2>/dev/null || { echo "gateway died; see $work/run-$i.log" >&2; cat "$work/run-$i.log" >&2; exit 1; }
  done
  t1=$(date +%s%N)
  sleep 20
  jpid=$(pgrep -f -- "-jar $jar" | head -1)
  rss_jvm=$(awk '/VmRSS/ {print $2}' "/proc/$jpid/status")
  # pg_ctl detaches the postmaster from the JVM; find it by its data directory and port
  pm=$(pgrep -f "bin/postgres -D data/postgres -p ${PG_PORT:-15432}" | head -1)
  rss_pg=$(for p in $pm $(descendants "$pm"); do awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null; done | awk '{s+=$1} END {print s+0}')
  # the sum of RSS counts PostgreSQL's shared buffers and its binary's pages once per process; PSS shares them out
  pss_all=$(for p in "$jpid" $pm $(descendants "$pm"); do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done | awk '{s+=$1} END {print s+0}')
  kill -TERM "$jpid"; wait "$pid" || true
  starts+=($(( (t1 - t0) / 1000000 ))); jvm+=($(( rss_jvm / 1024 ))); total+=($(( (rss_jvm + rss_pg) / 1024 )))
  pss+=($(( pss_all / 1024 )))
  echo "run $i: healthy after ${starts[-1]} ms, RSS JVM ${jvm[-1]} MiB, with PostgreSQL ${total[-1]} MiB (PSS ${pss[-1]} MiB)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "median of $runs: healthy after $(median "${starts[@]}") ms, RSS JVM $(median "${jvm[@]}") MiB, JVM+PostgreSQL $(median "${total[@]}") MiB (PSS $(median "${pss[@]}") MiB)"
