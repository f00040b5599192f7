#!/usr/bin/env bash
# The HTTP server under load, with nginx serving a static file of the same size as the baseline in the same run.
#
# 1. Builds the release binary and the data preparer (crates/origo-service/examples/bench_data.rs), which makes a
#    fresh SQLite database with ISSUED certificates (numbers and security codes listed) and APPROVED
#    applications left to issue.
# 2. Public verification: `origo serve --public-rate-limit off` (the per-address limit would answer most requests
#    with 429), then `wrk -t2 -c64 -d${SECONDS_PER_RUN}s --latency` on
#    GET /api/v1/public/certificates/{number}?code=... spread over every certificate (bench/wrk_verify.lua);
#    then nginx (own config in a temp folder, 2 workers, no access log) serving one real answer of that endpoint
#    as a static file for the same URLs. RUNS rounds, origo and nginx alternating; medians printed.
# 3. Issuance over HTTP: a freshly started server, `wrk -t2 -c64 -d${ISSUE_SECONDS}s` POSTing each approved
#    application's certificate once with an Idempotency-Key (bench/wrk_issue.lua), RUNS rounds.
# Server memory: VmHWM (peak RSS) of the origo process from /proc after each phase.
#
# Usage: bench/http.sh   (from the repository root; installs wrk and nginx with apt-get when missing)
# Environment: BINARIES (build here), RUNS (3), SECONDS_PER_RUN (20), ISSUED (2000), ISSUE_SECONDS (5), APPROVED (5000 per run).
set -euo pipefail
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
RUNS="${RUNS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-20}"
ISSUED="${ISSUED:-2000}"
ISSUE_SECONDS="${ISSUE_SECONDS:-5}"
APPROVED="${APPROVED:-$((5000 * RUNS))}"
CONNECTIONS=64

if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    echo "http.sh: installing wrk and nginx" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi

# BINARIES=DIR: use DIR/origo and DIR/bench_data as they are (built from one tree beforehand) instead of building.
if [ -n "${BINARIES:-}" ]; then
    origo="$BINARIES/origo"
    bench_data="$BINARIES/bench_data"
else
    cargo build --release -q -p origo-cli
    cargo build --release -q -p origo-service --example bench_data
    origo="$CARGO_TARGET_DIR/release/origo"
    bench_data="$CARGO_TARGET_DIR/release/examples/bench_data"
fi
here="$(cd "$(dirname "$0")" && pwd)"

work="$(mktemp -d /tmp/origo-http-bench.XXXXXX)"
origo_pid=""
nginx_pid=""
cleanup() {
    [ -n "$origo_pid" ] && kill "$origo_pid" 2>/dev/null && wait "$origo_pid" 2>/dev/null
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    local port
    for port in $(seq "$1" $(($1 + 100))); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "http.sh: no free port from $1" >&2
    return 1
}
wait_for() {
    local i
    for i in $(seq 1 200); do
        if curl -s -o /dev/null "$1"; then return 0; fi
        sleep 0.05
    done
    echo "http.sh: nothing answers at $1" >&2
    return 1
}
status_kb() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# wrk's figures: requests/s, p50 and p99 in ms, non-2xx answers, socket errors.
wrk_figures() {
    awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ { errors = $0 }
        END { printf "%s %.3f %.3f %d %s\n", rps, p50, p99, bad + 0, (errors == "" ? "-" : "socket-errors") }'
}

db="$work/origo.db"
url="sqlite://$db"
echo "preparing $ISSUED certificates and $APPROVED approved applications" >&2
"$bench_data" --database-url "$url" --issued "$ISSUED" --approved "$APPROVED" --out "$work" 2>&1 | tail -1 >&2

origo_port="$(free_port 18080)"
start_origo() {
    RUST_LOG=warn "$origo" serve --listen "127.0.0.1:$origo_port" --database-url "$url" --public-rate-limit off \
        >"$work/origo.log" 2>&1 &
    origo_pid=$!
    wait_for "http://127.0.0.1:$origo_port/api/v1/openapi.json"
}
stop_origo() {
    kill "$origo_pid" && wait "$origo_pid" 2>/dev/null || true
    origo_pid=""
}

# nginx serves one real answer of the public check, byte for byte, for every URL.
start_origo
read -r number code < "$work/certificates.txt"
mkdir -p "$work/nginx/html"
curl -sf -o "$work/nginx/html/certificate.json" "http://127.0.0.1:$origo_port/api/v1/public/certificates/$number?code=$code"
body_bytes="$(stat -c %s "$work/nginx/html/certificate.json")"
nginx_port="$(free_port 18180)"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/tmp;
    proxy_temp_path $work/nginx/tmp;
    fastcgi_temp_path $work/nginx/tmp;
    uwsgi_temp_path $work/nginx/tmp;
    scgi_temp_path $work/nginx/tmp;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/nginx/html;
        location / { default_type application/json; try_files /certificate.json =404; }
    }
}
CONF
mkdir -p "$work/nginx/tmp"
# The workers run as nobody when nginx starts as root: they must be able to read the file.
chmod a+x "$work"
chmod -R a+rX "$work/nginx"
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log" &
nginx_pid=$!
wait_for "http://127.0.0.1:$nginx_port/"

echo "public check: $RUNS rounds of ${SECONDS_PER_RUN}s, $CONNECTIONS connections, body $body_bytes bytes" >&2
: > "$work/origo.verify"; : > "$work/nginx.verify"
for round in $(seq 1 "$RUNS"); do
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$here/wrk_verify.lua" \
        "http://127.0.0.1:$origo_port" -- "$work/certificates.txt" | tee "$work/origo.$round.txt" | wrk_figures >> "$work/origo.verify"
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "$here/wrk_verify.lua" \
        "http://127.0.0.1:$nginx_port" -- "$work/certificates.txt" | tee "$work/nginx.$round.txt" | wrk_figures >> "$work/nginx.verify"
    echo "round $round: origo $(tail -1 "$work/origo.verify"); nginx $(tail -1 "$work/nginx.verify")  (req/s p50ms p99ms non-2xx)" >&2
done
verify_hwm="$(status_kb "$origo_pid" VmHWM)"
stop_origo
kill "$nginx_pid" && wait "$nginx_pid" 2>/dev/null || true
nginx_pid=""

# Issuance: a fresh process, so that its peak memory is that of this load alone.
start_origo
idle_rss="$(status_kb "$origo_pid" VmRSS)"
curl -sf -c "$work/cookies" -H 'content-type: application/json' \
    -d '{"username": "certifier", "password": "origo-bench-2026"}' "http://127.0.0.1:$origo_port/api/v1/session" >/dev/null
cookie="origo_session=$(awk '$6 == "origo_session" {print $7}' "$work/cookies")"
per_run=$((APPROVED / RUNS))
: > "$work/origo.issue"
for round in $(seq 1 "$RUNS"); do
    sed -n "$(((round - 1) * per_run + 1)),$((round * per_run))p" "$work/applications.txt" > "$work/ids.$round"
    wrk -t2 -c"$CONNECTIONS" -d"${ISSUE_SECONDS}s" --latency -s "$here/wrk_issue.lua" \
        "http://127.0.0.1:$origo_port" -- "$work/ids.$round" "$cookie" 2 | tee "$work/issue.$round.txt" | wrk_figures >> "$work/origo.issue"
    echo "issuance round $round: $(tail -1 "$work/origo.issue")  (req/s p50ms p99ms non-2xx)" >&2
done
issue_hwm="$(status_kb "$origo_pid" VmHWM)"
stop_origo
"$origo" audit verify --database-url "$url" >/dev/null

col() { awk -v c="$2" '{print $c}' "$1" | median; }
o_rps="$(col "$work/origo.verify" 1)"; n_rps="$(col "$work/nginx.verify" 1)"
echo
echo "| $RUNS rounds, medians | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
echo "| origo: public check, $CONNECTIONS connections, ${SECONDS_PER_RUN}s | $o_rps | $(col "$work/origo.verify" 2) ms | $(col "$work/origo.verify" 3) ms | $(col "$work/origo.verify" 4) |"
echo "| nginx: static file of the same $body_bytes bytes | $n_rps | $(col "$work/nginx.verify" 2) ms | $(col "$work/nginx.verify" 3) ms | $(col "$work/nginx.verify" 4) |"
echo "| origo: issuance (signed, stored, audited), $CONNECTIONS connections, ${ISSUE_SECONDS}s | $(col "$work/origo.issue" 1) | $(col "$work/origo.issue" 2) ms | $(col "$work/origo.issue" 3) ms | $(col "$work/origo.issue" 4) |"
echo
awk -v o="$o_rps" -v n="$n_rps" 'BEGIN { printf "origo / nginx throughput: %.2f\n", o / n }'
echo "origo peak RSS (VmHWM): public check $((verify_hwm / 1024)) MB; issuance $((issue_hwm / 1024)) MB (idle after start $((idle_rss / 1024)) MB)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
