#!/usr/bin/env bash
# The load test, all on 127.0.0.1: a throw-away PostgreSQL (scripts/with-postgres), the demo
# loaded and scaled tenfold (bench.generate --like-demo), gunicorn with the production
# settings (bench/load/settings.py), and Locust (bench/load/locustfile.py) headless. Stops
# by itself after DURATION and stops the server it started.
#
#   bench/load/run.sh [USERS] [DURATION] [WORKERS]     # defaults: 50 5m 2*cores+1
#
# Environment: BENCH_PORT (8765), BENCH_SPAWN_RATE (users started per second, 2),
# BENCH_WAIT_MIN/BENCH_WAIT_MAX (think time in seconds, 3/10), DATABASE_CONN_MAX_AGE (the production default, 60),
# BENCH_NATIONAL_SCALE (when set, bench.national's 75 other associations at that scale are
# generated into the database first; BENCH_NATIONAL_LARGEST_SCALE sizes the largest, nat-00,
# apart, e.g. 1.0 for its full 20 000 participations), BENCH_ASSOCIATION (the association the
# simulated users work in: exempel, the demo x10, by default; e.g. nat-00 with the national
# data, whose accounts bench.load.prepare creates), BENCH_PERIOD (the memo's period, e.g.
# 2025H2 for generated data), BENCH_LINKS_PER_FORM (anonymous survey links, 30),
# BENCH_WARMUP_MAX (seconds the warm-up may take, 300). DURATION is the measured window:
# it starts after the warm-up in which every simulated user logs in once (logins are
# reported apart, in window.json and the summary's warm-up table).
# Results in bench/out/load/: summary.md, categories.json, window.json (warm-up logins, the
# window's load average and the CPU of gunicorn, PostgreSQL and Locust in it), Locust's CSV
# and HTML report, gunicorn's access and error logs, machine.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
USERS=${1:-50}
DURATION=${2:-5m}
WORKERS=${3:-$(($(nproc) * 2 + 1))}
if [ -z "${BENCH_LOAD_INNER:-}" ]; then
  export BENCH_LOAD_INNER=1
  exec scripts/with-postgres "$0" "$USERS" "$DURATION" "$WORKERS"
fi
PORT=${BENCH_PORT:-8765}
SPAWN_RATE=${BENCH_SPAWN_RATE:-2}
OUT=bench/out/load
PY=.venv/bin/python
rm -rf "$OUT"
mkdir -p "$OUT"
static=$(mktemp -d /tmp/finsam-bench-static.XXXXXX)

export DJANGO_SETTINGS_MODULE=bench.load.settings
export SECRET_KEY=bench-only-secret-key-not-for-production-0123456789abcdef
export FIELD_ENCRYPTION_KEY=YmVuY2gtb25seS1maW5zYW0ta2V5LTMyLWJ5dGVzISE=
export ALLOWED_HOSTS=127.0.0.1 LOG_LEVEL=WARNING
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export BENCH_STATIC_ROOT="$static" MEDIA_ROOT="$static/media" BENCH_LOAD_OUT="$OUT"
export PYTHONPATH="$PWD"

server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$static"
}
trap cleanup EXIT

echo "Preparing the data (migrate, load_demo, scale x10, collectstatic) ..."
$PY manage.py migrate --noinput -v0
$PY manage.py load_demo --force >/dev/null
$PY -m bench.generate --like-demo --factor 10 --no-migrate
if [ -n "${BENCH_NATIONAL_SCALE:-}" ]; then
  # The other associations of a national host in the same database (bench.national).
  $PY -m bench.national --scale "$BENCH_NATIONAL_SCALE" --generate-only \
    ${BENCH_NATIONAL_LARGEST_SCALE:+--largest-scale "$BENCH_NATIONAL_LARGEST_SCALE"}
fi
ASSOCIATION=${BENCH_ASSOCIATION:-exempel}
if [ "$ASSOCIATION" != exempel ]; then
  BENCH_ASSOCIATION="$ASSOCIATION" $PY -m bench.load.prepare
fi
$PY -m bench.load.links --association "$ASSOCIATION" --per-form "${BENCH_LINKS_PER_FORM:-30}" \
  >"$OUT/links.json"
$PY manage.py collectstatic --noinput -v0

.venv/bin/gunicorn finsam.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --timeout 120 --access-logfile "$OUT/access.log" --error-logfile "$OUT/gunicorn.log" \
  --access-logformat '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)s' &
server=$!
for _ in $(seq 60); do
  if curl -sf -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/healthz" >/dev/null; then
    break
  fi
  sleep 1
done
curl -sf -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/healthz" >/dev/null

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p')"
  echo "memory: $(free -m | awk '/^Mem:/ {print $2}') MB"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "users: $USERS, duration: $DURATION, gunicorn workers: $WORKERS, spawn rate: $SPAWN_RATE/s"
  echo "association: $ASSOCIATION, memo period: ${BENCH_PERIOD:-current}, national scale: ${BENCH_NATIONAL_SCALE:-none} (largest ${BENCH_NATIONAL_LARGEST_SCALE:-same})"
} >"$OUT/machine.txt"

# Locust stops itself after the warm-up and DURATION; --run-time only bounds the whole run.
WARMUP_MAX=${BENCH_WARMUP_MAX:-300}
BOUND=$($PY -c "from locust.util.timespan import parse_timespan as p; print(int(p('$DURATION') + $WARMUP_MAX + 60))")
echo "Running Locust: $USERS users log in (warm-up, at most ${WARMUP_MAX} s), then $DURATION measured against 127.0.0.1:$PORT ($WORKERS workers) ..."
BENCH_ASSOCIATION="$ASSOCIATION" BENCH_DURATION="$DURATION" BENCH_WARMUP_MAX="$WARMUP_MAX" \
  BENCH_SERVER_PID="$server" .venv/bin/locust -f bench/load/locustfile.py --headless --users "$USERS" \
  --spawn-rate "$SPAWN_RATE" --run-time "$BOUND" --host "http://127.0.0.1:$PORT" \
  --csv "$OUT/locust" --html "$OUT/locust.html" --stop-timeout 15 --only-summary \
  --loglevel WARNING --exit-code-on-error 0
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/machine.txt"
$PY -m bench.load.summary "$OUT" | tee "$OUT/summary.md"
