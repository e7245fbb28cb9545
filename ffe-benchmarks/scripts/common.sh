# Shared helpers for the side-by-side comparison scripts (sourced, not run).
# Every script takes the CLI jar from FFE_JAR (default: a private clone's build, see README below)
# and the JVM from JAVA (default: java on the PATH).
#
#   rm -rf /tmp/bench-clone && git clone -q <repo> /tmp/bench-clone && cd /tmp/bench-clone \
#     && mvn -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package
#
# shellcheck shell=bash

FFE_JAR="${FFE_JAR:-/tmp/bench-clone/ffe-examples/target/ffe.jar}"
JAVA="${JAVA:-java}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 2; }

# Re-executes the calling script under `timeout` once, so the whole run is bounded.
#   bound_whole_run SECONDS "$0" "$@"
bound_whole_run() {
  local limit="$1"; shift
  if [ -z "${_FFE_BENCH_BOUNDED:-}" ]; then
    export _FFE_BENCH_BOUNDED=1
    exec timeout -k 15 "$limit" bash "$@"
  fi
}

require_jar() {
  [ -f "$FFE_JAR" ] || die "FFE_JAR=$FFE_JAR does not exist: build it (see the top of common.sh) or set FFE_JAR"
  command -v "$JAVA" >/dev/null || die "no java ($JAVA) on the PATH"
}

# Installs the Debian packages that provide the given commands when one is missing.
#   ensure_tools "nginx:nginx" "wrk:wrk"
ensure_tools() {
  local missing=() spec cmd pkg
  for spec in "$@"; do
    cmd="${spec%%:*}"; pkg="${spec#*:}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run as root"
  log "installing ${missing[*]} from Debian packages"
  # keep the packages' own services from starting (nginx would grab port 80 and keep running)
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
  fi
  timeout 600 bash -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing[*]}" >&2
  local rc=$?
  [ "$created_policy" = 1 ] && rm -f "$policy"
  [ "$rc" -eq 0 ] || die "apt-get install ${missing[*]} failed (rc $rc)"
}

print_load() {
  log "load average before $1: $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) cores)"
}

machine_line() {
  local jv
  jv="$("$JAVA" -version 2>&1 | head -1 | sed 's/"//g')"
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), ${jv}, $(uname -sr)"
}

# Picks a free TCP port on 127.0.0.1.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    local p
    for _ in $(seq 1 50); do
      p=$(( 20000 + RANDOM % 20000 ))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    die "no free port found"
  fi
}

# Wall-clock seconds of a command (stdout and stderr to the given file), like `time`.
#   secs=$(time_cmd LOGFILE cmd args...)   -- fails if the command fails
time_cmd() {
  local logf="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >>"$logf" 2>&1 || { log "command failed (rc $?): $* -- see $logf"; tail -5 "$logf" >&2; return 1; }
  t1=$(date +%s.%N)
  echo "$t0 $t1" | awk '{printf "%.3f\n", $2 - $1}'
}

# min and median of numbers given as arguments
stat_min() { printf '%s\n' "$@" | sort -g | head -1; }
stat_median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) printf "%.3f\n", a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'
}
# a / b with 2 decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }
# "met" when a OP b holds (awk comparison), else "missed"
verdict() { awk -v a="$1" -v b="$3" -v op="$2" 'BEGIN {
  ok = (op == ">=") ? a >= b : (op == "<=") ? a <= b : (op == "<") ? a < b : a > b
  print (ok ? "met" : "missed") }'; }

# Drops the page cache if the kernel lets us; prints "cold" or "warm".
drop_caches() {
  sync
  if [ "${NO_DROP_CACHES:-0}" != 1 ] && (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; then
    echo cold
  else
    echo warm
  fi
}

# Median wall-clock seconds of `java -jar $FFE_JAR --version` over 3 runs: the JVM + CLI start-up.
jvm_startup() {
  local t=() i
  for i in 1 2 3; do t+=("$(time_cmd /dev/null timeout 60 "$JAVA" -jar "$FFE_JAR" --version)"); done
  stat_median "${t[@]}"
}
