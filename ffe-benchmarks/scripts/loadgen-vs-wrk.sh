#!/usr/bin/env bash
# FFE's load generator (dev.ffe.steps.http.LoadTestMain, Netty) side by side with wrk, against a
# private nginx on 127.0.0.1 serving a small static file.
#
#   ffe-benchmarks/scripts/loadgen-vs-wrk.sh
#
# 1. closed loop at equal connections: `wrk -t2 -c50 -d10s --latency` vs FFE `--users 50` (no
#    think time, same duration, after a warm-up): requests/s, ratio (goal FFE >= 0.5x wrk), p50/p99.
# 2. fixed rate: wrk has no fixed-rate mode and wrk2 is not packaged in Debian, so FFE's open model
#    at RATE_FRACTION (default 50 %) of wrk's measured requests/s is reported (p50/p99 corrected
#    for coordinated omission) next to wrk's closed-loop p50/p99. Not a like-for-like comparison.
#
# Environment: FFE_JAR, JAVA, DURATION (s, default 10), CONNS (default 50), WRK_THREADS (2),
# WARMUP (s, default 5), RATE_FRACTION (0.5), RESULTS_DIR (raw outputs kept there if set).
# Installs nginx and wrk from Debian packages when missing (as root). Bounded to 10 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"
bound_whole_run 600 "$0" "$@"

DURATION="${DURATION:-10}"
CONNS="${CONNS:-50}"
WRK_THREADS="${WRK_THREADS:-2}"
WARMUP="${WARMUP:-5}"
RATE_FRACTION="${RATE_FRACTION:-0.5}"

require_jar
ensure_tools "nginx:nginx" "wrk:wrk"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d /tmp/ffe-loadgen-vs-wrk.XXXXXX)"
out="${RESULTS_DIR:-$work/results}"
mkdir -p "$out"
nginx_pid=""
cleanup() {
  if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# --- nginx with a config of its own ---------------------------------------------------------
port="$(free_port)"
mkdir -p "$work/html" "$work/logs" "$work/tmp"
head -c 612 /dev/zero | tr '\0' 'x' > "$work/html/index.html"   # nginx's default page is 612 B
chmod -R a+rX "$work"   # the workers run as nobody
cat > "$work/nginx.conf" <<EOF
worker_processes 1;
error_log $work/logs/error.log warn;
pid $work/logs/nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $work/html;
    location / { index index.html; }
  }
}
EOF
"$NGINX" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' > "$work/logs/stdout" 2>&1 &
nginx_pid=$!
url="http://127.0.0.1:$port/index.html"
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "$url" 2>/dev/null && break
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/logs/stdout" "$work/logs/error.log" >&2; die "nginx did not start"; }
log "nginx $("$NGINX" -v 2>&1 | sed 's/.*\///') on $url (pid $nginx_pid, 1 worker)"

# wrk prints latencies like 812.00us, 1.23ms, 1.01s: to milliseconds
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /m$/) { sub(/m$/,"",v); v*=60000 } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.3f\n", v }'; }
wrk_field() { grep -E "^ *$1%" "$2" | awk '{print $2}' | to_ms; }

ffe_loadgen() {  # ffe_loadgen OUTFILE args...
  local f="$1"; shift
  timeout -k 5 $(( WARMUP + DURATION + 60 )) "$JAVA" -cp "$FFE_JAR" dev.ffe.steps.http.LoadTestMain "$url" "$@" > "$f" 2> "$f.err" || {
    local rc=$?; [ "$rc" -eq 1 ] || { cat "$f.err" >&2; die "LoadTestMain failed (rc $rc)"; }; }
}

# --- 1. closed loop at equal connections --------------------------------------------------------
print_load "wrk warm-up"
timeout -k 5 $(( WARMUP + 30 )) wrk -t"$WRK_THREADS" -c"$CONNS" -d"${WARMUP}s" "$url" > "$out/wrk-warmup.txt"
print_load "wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s"
wrk_cmd="wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s --latency $url"
timeout -k 5 $(( DURATION + 30 )) $wrk_cmd > "$out/wrk.txt"
cat "$out/wrk.txt" >&2
wrk_rps="$(awk '/^Requests\/sec:/ {print $2}' "$out/wrk.txt")"
wrk_p50="$(wrk_field 50 "$out/wrk.txt")"
wrk_p99="$(wrk_field 99 "$out/wrk.txt")"
wrk_errs="$(awk '/Non-2xx|Socket errors/' "$out/wrk.txt" | tr '\n' ' ')"

print_load "FFE closed model"
ffe_closed_cmd="java -cp \$FFE_JAR dev.ffe.steps.http.LoadTestMain $url --users $CONNS --duration ${DURATION}s --warmup ${WARMUP}s"
ffe_loadgen "$out/ffe-closed.json" --users "$CONNS" --duration "${DURATION}s" --warmup "${WARMUP}s"
jq -c '{model, duration_s, requests, rps, errors, latency_ms, unfinished}' "$out/ffe-closed.json" >&2
ffe_rps="$(jq -r '.rps' "$out/ffe-closed.json")"
ffe_p50="$(jq -r '.latency_ms.p50' "$out/ffe-closed.json")"
ffe_p99="$(jq -r '.latency_ms.p99' "$out/ffe-closed.json")"
ffe_errs="$(jq -r '.errors' "$out/ffe-closed.json")"

# --- 2. fixed rate (FFE open model only) ----------------------------------------------------------
rate="$(awk -v r="$wrk_rps" -v f="$RATE_FRACTION" 'BEGIN { printf "%d\n", r * f }')"
print_load "FFE open model at $rate req/s"
ffe_open_cmd="java -cp \$FFE_JAR dev.ffe.steps.http.LoadTestMain $url --rate $rate --connections $CONNS --duration ${DURATION}s --warmup ${WARMUP}s"
ffe_loadgen "$out/ffe-open.json" --rate "$rate" --connections "$CONNS" --duration "${DURATION}s" --warmup "${WARMUP}s"
jq -c '{model, duration_s, requests, rps, errors, latency_ms, unfinished}' "$out/ffe-open.json" >&2
open_rps="$(jq -r '.rps' "$out/ffe-open.json")"
open_p50="$(jq -r '.latency_ms.p50' "$out/ffe-open.json")"
open_p99="$(jq -r '.latency_ms.p99' "$out/ffe-open.json")"
open_errs="$(jq -r '.errors' "$out/ffe-open.json")"

r="$(ratio "$ffe_rps" "$wrk_rps")"
cat <<EOF

## Load generator vs wrk ($(date -u '+%Y-%m-%d %H:%M UTC'))

Machine: $(machine_line). Target: nginx $("$NGINX" -v 2>&1 | sed 's/.*\///'), 1 worker, 612-byte static file, access_log off, keep-alive.
Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Generator and server share the same $(nproc) cores.

| measured | FFE | wrk | FFE / wrk | goal | verdict |
| --- | ---: | ---: | ---: | --- | --- |
| closed loop, $CONNS connections, ${DURATION}s: requests/s | $(printf '%.0f' "$ffe_rps") | $(printf '%.0f' "$wrk_rps") | ${r}x | >= 0.5x | $(verdict "$r" ">=" 0.5) |
| closed loop: p50 latency (ms) | $ffe_p50 | $wrk_p50 | $(ratio "$ffe_p50" "$wrk_p50")x | — | — |
| closed loop: p99 latency (ms) | $ffe_p99 | $wrk_p99 | $(ratio "$ffe_p99" "$wrk_p99")x | — | — |
| closed loop: errors | $ffe_errs | ${wrk_errs:-none} | | | |
| FFE open model at $rate req/s (${RATE_FRACTION} of wrk's rate): achieved req/s | $(printf '%.0f' "$open_rps") | n/a (wrk has no fixed rate) | | | |
| open model p50 (ms, CO-corrected) vs wrk closed-loop p50 | $open_p50 | $wrk_p50 | | | |
| open model p99 (ms, CO-corrected) vs wrk closed-loop p99 | $open_p99 | $wrk_p99 | | | |
| open model: errors | $open_errs | | | | |

No fixed-rate comparison with wrk2 could be done here: wrk2 is not packaged in Debian, and wrk itself
has no fixed-rate mode. The open-model row is FFE alone (latency from each request's intended send
time) next to wrk's closed-loop numbers, which are not corrected for coordinated omission.

Commands:
\`\`\`
$wrk_cmd          # after a ${WARMUP}s wrk warm-up
$ffe_closed_cmd
$ffe_open_cmd
\`\`\`
EOF
