#!/usr/bin/env bash
# KIS's official Python samples against the simulator, as a KIS user runs them (issue 16). The checkout of
# koreainvestment/open-trading-api given as the argument is used as it is: only the URLs of the samples'
# kis_devlp.yaml point at a simulator this script starts on 127.0.0.1 (random ports), once per domain (real,
# then paper), and stops. bench/official_samples.py takes the paths a user takes with examples_user/kis_auth.py
# and domestic_stock/domestic_stock_functions{,_ws}.py (token, quotes, orders, revise and cancel, inquiries across
# three pages, the execution-notice, trade and quote streams, the errors they meet) and prints one line per step:
# ok, FAIL, or SAMPLE (a step the samples cannot take whoever answers them). Exit status 1 when a step failed.
# A developer's check, not CI's (CI cannot fetch that repository; ResponseHeaderCaseTest guards the headers).
#
# Usage: bench/official-samples.sh /path/to/open-trading-api          (about 3 minutes)
# Needs: JDK 17 (builds target/kis-gateway.jar when it is missing or older than src/main), curl, and a Python
# 3.10+ with pandas, requests, websockets, PyYAML and pycryptodome (Debian: apt-get install python3-pandas
# python3-requests python3-websockets python3-yaml python3-pycryptodome). $PYTHON names the interpreter; by
# default the first of python3 and /usr/bin/python3 that has them.
set -euo pipefail
checkout=$(cd "${1:?usage: $0 /path/to/open-trading-api}" && pwd)
samples=$checkout/examples_user
[[ -f $samples/kis_auth.py && -f $samples/domestic_stock/domestic_stock_functions.py ]] \
  || { echo "not a checkout of koreainvestment/open-trading-api: $checkout" >&2; exit 2; }
cd "$(dirname "$0")/.."
repo=$PWD

jar=$repo/target/kis-gateway.jar
if [[ ! -f $jar || -n $(find src/main -newer "$jar" -type f -print -quit) ]]; then
  echo "building $jar" >&2
  mvn -q -B -DskipTests package >&2
fi

needs='import pandas, requests, websockets, yaml
try:
    import Crypto.Cipher.AES
except ImportError:
    import Cryptodome.Cipher.AES'
python=
for candidate in ${PYTHON:-python3 /usr/bin/python3}; do
  if "$candidate" -c "$needs" 2>/dev/null; then python=$candidate; break; fi
done
[[ -n $python ]] || { echo "no Python with pandas, requests, websockets, PyYAML and pycryptodome" >&2; exit 2; }

work=$(mktemp -d)
sim_pid=
stop_simulator() {
  if [[ -n $sim_pid ]]; then kill -TERM "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  sim_pid=
}
trap 'stop_simulator; rm -rf "$work"' EXIT

# Debian's python3-pycryptodome is the package Cryptodome; the samples import Crypto. When only Cryptodome is
# there, a two-line alias of our own (not the samples' code) on PYTHONPATH bridges the two.
if ! "$python" -c 'import Crypto.Cipher.AES' 2>/dev/null; then
  mkdir -p "$work/shim/Crypto"
  printf 'import sys, Cryptodome\nsys.modules[__name__] = Cryptodome\n' >"$work/shim/Crypto/__init__.py"
  export PYTHONPATH=$work/shim${PYTHONPATH:+:$PYTHONPATH}
fi
echo "samples $(git -C "$checkout" rev-parse --short HEAD 2>/dev/null || echo "of $checkout");" \
  "python $("$python" -c 'import sys, websockets, pandas, requests
print(sys.version.split()[0], "websockets", websockets.__version__, "pandas", pandas.__version__,
      "requests", requests.__version__)')"

# The demo account of docs/simulator.md (public, obviously fake values).
app_key=PSDEMOKISSIMULATOR000000000000000001
app_secret="PSDEMO$(printf 'SimulatorOnlyNotARealSecret%.0s' $(seq 1 7) | cut -c1-174)"

# The 11 default symbols and these 90 listings make 101: one more than two balance pages of the real domain (50
# a page), so the samples' inquire_balance follows tr_cont twice. Fictitious codes, closes on the tick; ASCII
# names, as a JVM under the C locale reads its arguments as ASCII.
listings=()
for n in $(seq 1 90); do listings+=(--symbol "$(printf '9%05d' "$n"):BENCH$n:$((10000 + 100 * n))"); done

# One simulator per domain, and the samples' configuration under a HOME of their own: they read
# ~/KIS/config/kis_devlp.yaml and keep their token file beside it.
run_domain() {
  local env=$1 dir=$work/$1 rest= ws= status=0
  mkdir -p "$dir/home/KIS/config"
  : >"$dir/simulator.log"  # before the start: the loop below reads it before the background job may open it
  java -jar "$jar" simulator --env "$env" --host 127.0.0.1 --rest-port 0 --ws-port 0 "${listings[@]}" \
    >"$dir/simulator.log" 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 300); do
    rest=$(awk '$1 == "REST" {print $2}' "$dir/simulator.log")
    ws=$(awk '$1 == "WebSocket" {print $2}' "$dir/simulator.log")
    [[ -n $rest && -n $ws ]] && break
    kill -0 "$sim_pid" 2>/dev/null || { echo "the simulator did not start:" >&2; cat "$dir/simulator.log" >&2; return 1; }
    sleep 0.1
  done
  [[ -n $rest && -n $ws ]] || { echo "the simulator printed no URLs within 30 s" >&2; return 1; }
  curl -sf -o /dev/null "$rest/sim/admin" || { echo "no admin API at $rest" >&2; return 1; }
  echo "simulator --env $env: REST $rest, WebSocket $ws"
  {
    printf 'my_app: "%s"\nmy_sec: "%s"\npaper_app: "%s"\npaper_sec: "%s"\n' "$app_key" "$app_secret" "$app_key" "$app_secret"
    printf 'my_htsid: "simdemo"\nmy_acct_stock: "50000001"\nmy_paper_stock: "50000001"\n'
    printf 'my_acct_future: ""\nmy_paper_future: ""\nmy_prod: "01"\n'
    printf 'prod: "%s"\nops: "%s"\nvps: "%s"\nvops: "%s"\n' "$rest" "$ws" "$rest" "$ws"
    printf 'my_token: ""\nmy_agent: "kis-gateway official-samples check"\n'
  } >"$dir/home/KIS/config/kis_devlp.yaml"
  (cd "$samples/domestic_stock" && HOME=$dir/home "$python" "$repo/bench/official_samples.py" --env "$env" \
      --rest "$rest" --log "$dir/samples.log") || status=$?
  stop_simulator
  if [[ $status -ne 0 ]]; then
    echo "--- $env: the samples' log, last 30 lines ---" >&2
    tail -30 "$dir/samples.log" >&2 || true
  fi
  return $status
}

status=0
run_domain real || status=1
run_domain paper || status=1
exit $status
