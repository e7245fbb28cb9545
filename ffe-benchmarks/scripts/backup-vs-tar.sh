#!/usr/bin/env bash
# `ffe backup` side by side with GNU tar + gzip + sha256sum on a generated mixed tree.
#
#   ffe-benchmarks/scripts/backup-vs-tar.sh [SIZE_MB]     # default 1024; e.g. 64 for a quick run
#
# The tree: FILES files (default 10,000) of SIZE_MB in total, half random (incompressible) bytes,
# half compressible log-like text; in each half ~99.5 % of the files are small (1 B .. ~2x the mean,
# together 10 % of the bytes) and 25 are large (90 % of the bytes), spread over 100 directories.
# Then, REPS times (default 3), each step after dropping the page cache when the kernel allows it:
#   tar czf - DIR | sha256sum        vs  ffe backup full --source DIR --target T --name bench
#   tar xzf TREE.tgz -C OUT          vs  ffe backup restore --target T --name bench --into OUT
#   (ffe backup full, above)         vs  ffe backup incremental of the unchanged tree
# Goals: backup >= 1.0x the speed of tar|sha256sum, restore >= 1.0x tar xzf, incremental < 1/3 of
# the full. Best and median of the REPS runs are reported.
#
# Environment: FFE_JAR, JAVA, FILES, REPS, WORK_DIR (default /tmp; needs ~4x SIZE_MB free),
# NO_DROP_CACHES=1 (warm cache), RESULTS_DIR (raw outputs kept there if set). Bounded to 50 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"
bound_whole_run 3000 "$0" "$@"

SIZE_MB="${1:-1024}"
FILES="${FILES:-10000}"
REPS="${REPS:-3}"
[[ "$SIZE_MB" =~ ^[0-9]+$ ]] && [ "$SIZE_MB" -ge 1 ] || die "usage: $0 [SIZE_MB] (a whole number of megabytes)"
[ "$REPS" -ge 1 ] || die "REPS must be >= 1"

require_jar
ensure_tools "tar:tar" "gzip:gzip" "sha256sum:coreutils"

work="$(mktemp -d "${WORK_DIR:-/tmp}/ffe-backup-vs-tar.XXXXXX")"
out="${RESULTS_DIR:-$work/results}"
mkdir -p "$out"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 143' TERM INT

need_kb=$(( SIZE_MB * 1024 * 4 ))
avail_kb="$(df -Pk "$work" | awk 'NR==2 {print $4}')"
[ "$avail_kb" -gt "$need_kb" ] || die "needs ~$(( need_kb / 1024 )) MB free in $work, has $(( avail_kb / 1024 )) MB"

# --- the tree ---------------------------------------------------------------------------------------
src="$work/tree"
mkdir -p "$src"
for d in $(seq -w 0 99); do mkdir -p "$src/d$d"; done
half_bytes=$(( SIZE_MB * 1024 * 1024 / 2 ))
per_kind=$(( FILES / 2 ))
large=25; [ "$per_kind" -gt 50 ] || large=1
small=$(( per_kind - large ))
small_mean=$(( half_bytes / 10 / (small > 0 ? small : 1) ))
large_size=$(( half_bytes * 9 / 10 / large ))

log "generating $FILES files, $SIZE_MB MB (half random, half text) in $src"
t0=$(date +%s)
# random bytes: small files with sizes uniform in [1, 2*mean], then the large ones
RANDOM=42
for i in $(seq 1 "$small"); do
  n=$(( (RANDOM * 32768 + RANDOM) % (2 * small_mean) + 1 ))
  head -c "$n" /dev/urandom > "$src/d$(printf %02d $(( i % 100 )))/rand-$i.bin"
done
for i in $(seq 1 "$large"); do
  head -c "$large_size" /dev/urandom > "$src/d$(printf %02d $(( i % 100 )))/rand-large-$i.bin"
done
# compressible text, log-like lines, one awk process
awk -v dir="$src" -v small="$small" -v large="$large" -v mean="$small_mean" -v big="$large_size" 'BEGIN {
  srand(42)
  split("GET POST PUT DELETE", verbs, " "); split("INFO WARN DEBUG ERROR", levels, " ")
  total = small + large
  for (i = 1; i <= total; i++) {
    size = (i <= small) ? int(rand() * 2 * mean) + 1 : big
    f = sprintf("%s/d%02d/%s-%d.log", dir, i % 100, (i <= small) ? "text" : "text-large", i)
    written = 0
    while (written < size) {
      line = sprintf("2026-11-28T%02d:%02d:%02d.%03dZ %s [worker-%d] %s /api/v1/items/%d status=%d latency_ms=%d user=user%04d\n",
        int(rand() * 24), int(rand() * 60), int(rand() * 60), int(rand() * 1000), levels[int(rand() * 4) + 1],
        int(rand() * 16), verbs[int(rand() * 4) + 1], int(rand() * 100000), (rand() < 0.95) ? 200 : 500,
        int(rand() * 900), int(rand() * 2000))
      if (written + length(line) > size) line = substr(line, 1, size - written)
      printf "%s", line > f
      written += length(line)
    }
    close(f)
  }
}'
sync
files_made="$(find "$src" -type f | wc -l)"
bytes_made="$(du -sb "$src" | cut -f1)"
log "tree: $files_made files, $(( bytes_made / 1048576 )) MB, generated in $(( $(date +%s) - t0 )) s"

# the tar archive the restore comparison extracts (not timed)
tar czf "$work/tree.tgz" -C "$work" tree
tgz_mb="$(( $(stat -c %s "$work/tree.tgz") / 1048576 ))"

cache_state="$(drop_caches)"
log "page cache: $cache_state (drop_caches $( [ "$cache_state" = cold ] && echo accepted || echo refused or disabled))"

print_load "JVM start-up probe"
startup="$(jvm_startup)"
log "java -jar ffe.jar --version: $startup s (median of 3)"

ffe() { timeout -k 10 900 "$JAVA" -jar "$FFE_JAR" "$@"; }
t_tar_c=(); t_ffe_full=(); t_tar_x=(); t_ffe_restore=(); t_ffe_incr=()
for rep in $(seq 1 "$REPS"); do
  target="$work/target-$rep"; rm -rf "$target" "$work/out-tar" "$work/out-ffe"; mkdir -p "$target" "$work/out-tar" "$work/out-ffe"
  l="$out/rep-$rep.log"

  drop_caches >/dev/null; print_load "rep $rep: tar czf | sha256sum"
  t_tar_c+=("$(time_cmd "$l" timeout -k 10 900 bash -o pipefail -c "tar czf - -C '$work' tree | sha256sum")")

  drop_caches >/dev/null; print_load "rep $rep: ffe backup full"
  t_ffe_full+=("$(time_cmd "$l" ffe backup full --source "$src" --target "$target" --name bench --json)")
  archive_mb="$(du -sm "$target" | cut -f1)"

  drop_caches >/dev/null; print_load "rep $rep: tar xzf"
  t_tar_x+=("$(time_cmd "$l" timeout -k 10 900 tar xzf "$work/tree.tgz" -C "$work/out-tar")")

  drop_caches >/dev/null; print_load "rep $rep: ffe backup restore"
  t_ffe_restore+=("$(time_cmd "$l" ffe backup restore --target "$target" --name bench --into "$work/out-ffe" --json)")

  # no --at: archive names have second resolution (the full was taken seconds ago), and an --at
  # before the files' mtimes would put every file in the racy window, so the incremental would
  # re-hash the whole tree (1 GB) instead of trusting size + mtime
  sleep 1
  drop_caches >/dev/null; print_load "rep $rep: ffe backup incremental (unchanged tree)"
  t_ffe_incr+=("$(time_cmd "$l" ffe backup incremental --source "$src" --target "$target" --name bench --json)")

  # sanity: both restores hold the whole tree
  n_tar="$(find "$work/out-tar" -type f | wc -l)"; n_ffe="$(find "$work/out-ffe" -type f | wc -l)"
  [ "$n_tar" = "$files_made" ] && [ "$n_ffe" = "$files_made" ] || log "warning: restored $n_tar (tar) / $n_ffe (ffe) files, expected $files_made"
  log "rep $rep: tar c ${t_tar_c[-1]} s, ffe full ${t_ffe_full[-1]} s, tar x ${t_tar_x[-1]} s, ffe restore ${t_ffe_restore[-1]} s, ffe incr ${t_ffe_incr[-1]} s"
  rm -rf "$work/out-tar" "$work/out-ffe"
  if [ "$rep" -lt "$REPS" ]; then rm -rf "$target"; fi
done

# speed ratio = peer time / FFE time (>1: FFE faster)
tc_b="$(stat_min "${t_tar_c[@]}")"; tc_m="$(stat_median "${t_tar_c[@]}")"
ff_b="$(stat_min "${t_ffe_full[@]}")"; ff_m="$(stat_median "${t_ffe_full[@]}")"
tx_b="$(stat_min "${t_tar_x[@]}")"; tx_m="$(stat_median "${t_tar_x[@]}")"
fr_b="$(stat_min "${t_ffe_restore[@]}")"; fr_m="$(stat_median "${t_ffe_restore[@]}")"
fi_b="$(stat_min "${t_ffe_incr[@]}")"; fi_m="$(stat_median "${t_ffe_incr[@]}")"
r_full="$(ratio "$tc_m" "$ff_m")"; r_rest="$(ratio "$tx_m" "$fr_m")"; r_incr="$(ratio "$fi_m" "$ff_m")"

cat <<EOF

## Backup vs tar ($(date -u '+%Y-%m-%d %H:%M UTC'))

Machine: $(machine_line). Tree: $files_made files, $(( bytes_made / 1048576 )) MB (half random bytes, half
log-like text; 25 large files per half carry 90 % of its bytes), ${tgz_mb} MB as tar.gz; FFE's
archive directory: ${archive_mb} MB. Page cache: **$cache_state** before every timed step.
$REPS runs of each; times in seconds, best / median. Speed ratio = peer time / FFE time (> 1: FFE faster).
Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores.

| measured | FFE best / median (s) | peer best / median (s) | speed ratio (median) | goal | verdict |
| --- | ---: | ---: | ---: | --- | --- |
| full backup vs \`tar czf - DIR \| sha256sum\` | $ff_b / $ff_m | $tc_b / $tc_m | ${r_full}x | >= 1.0x | $(verdict "$r_full" ">=" 1.0) |
| restore vs \`tar xzf\` | $fr_b / $fr_m | $tx_b / $tx_m | ${r_rest}x | >= 1.0x | $(verdict "$r_rest" ">=" 1.0) |
| incremental of the unchanged tree vs FFE full | $fi_b / $fi_m | (full) $ff_b / $ff_m | incr/full ${r_incr} | < 0.33 | $(verdict "$r_incr" "<" 0.3334) |

All runs (s): tar c ${t_tar_c[*]}; ffe full ${t_ffe_full[*]}; tar x ${t_tar_x[*]}; ffe restore ${t_ffe_restore[*]}; ffe incremental ${t_ffe_incr[*]}.
FFE's times include the JVM start-up: \`java -jar ffe.jar --version\` took $startup s (median of 3) here. FFE's full backup also writes its archive,
manifest and sha256 to disk, which the \`tar | sha256sum\` pipeline does not.

Commands:
\`\`\`
tar czf - -C WORK tree | sha256sum
java -jar \$FFE_JAR backup full --source WORK/tree --target WORK/target --name bench --json
tar xzf WORK/tree.tgz -C WORK/out-tar
java -jar \$FFE_JAR backup restore --target WORK/target --name bench --into WORK/out-ffe --json
java -jar \$FFE_JAR backup incremental --source WORK/tree --target WORK/target --name bench --json
\`\`\`
EOF
