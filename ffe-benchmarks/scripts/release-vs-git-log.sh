#!/usr/bin/env bash
# `ffe release analyze` (JGit, conventional commits -> next semver) side by side with
# `git log --format=%B` over the same range, on a generated repository.
#
#   ffe-benchmarks/scripts/release-vs-git-log.sh [COMMITS]     # default 100000
#
# The repository is written with `git fast-import`: an annotated tag v1.0.0 on commit 10, then
# conventional commit messages mixing feat/fix/chore/docs/refactor (with scopes and bodies), one in
# 500 carrying a `BREAKING CHANGE:` footer; each commit changes one of 100 small files.
# Then, REPS times (default 5), alternating:
#   git log --format=%B v1.0.0..HEAD > /dev/null
#   java -jar $FFE_JAR release analyze --repo DIR --json > /dev/null
# FFE's time includes the JVM start-up, reported separately (`java -jar ffe.jar --version`) and
# subtracted in a second row. Goal: FFE <= 2x git log. Best and median are reported.
#
# Environment: FFE_JAR, JAVA, REPS, WORK_DIR (default /tmp), RESULTS_DIR. Bounded to 30 minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=common.sh
. "$here/common.sh"
bound_whole_run 1800 "$0" "$@"

COMMITS="${1:-100000}"
REPS="${REPS:-5}"
TAG_AT=10
[[ "$COMMITS" =~ ^[0-9]+$ ]] && [ "$COMMITS" -gt "$TAG_AT" ] || die "usage: $0 [COMMITS] (more than $TAG_AT)"

require_jar
ensure_tools "git:git"

work="$(mktemp -d "${WORK_DIR:-/tmp}/ffe-release-vs-git-log.XXXXXX")"
out="${RESULTS_DIR:-$work/results}"
mkdir -p "$out"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 143' TERM INT

repo="$work/repo"
log "generating $COMMITS commits with git fast-import in $repo"
t0=$(date +%s)
git init -q -b main "$repo"
awk -v n="$COMMITS" -v tagat="$TAG_AT" 'BEGIN {
  srand(7)
  split("feat fix chore docs refactor feat fix perf", types, " ")
  split("api core cli http backup git", scopes, " ")
  ts = 1700000000
  for (i = 1; i <= n; i++) {
    t = types[int(rand() * 8) + 1]
    subject = (rand() < 0.5) ? sprintf("%s(%s): change number %d", t, scopes[int(rand() * 6) + 1], i) : sprintf("%s: change number %d", t, i)
    msg = subject "\n\nLonger description of change " i ", explaining why it was made.\n"
    if (i > tagat && rand() < 0.002) msg = msg "\nBREAKING CHANGE: the option removed in change " i " is gone.\n"
    content = sprintf("file content after commit %d\n", i)
    printf "commit refs/heads/main\nmark :%d\n", i
    printf "author Dev %d <dev%d@example.com> %d +0000\n", i % 7, i % 7, ts + i * 60
    printf "committer Dev %d <dev%d@example.com> %d +0000\n", i % 7, i % 7, ts + i * 60
    printf "data %d\n%s\n", length(msg), msg
    printf "M 644 inline src/file%02d.txt\ndata %d\n%s\n", i % 100, length(content), content
    if (i == tagat) {
      printf "tag v1.0.0\nfrom :%d\ntagger Dev 0 <dev0@example.com> %d +0000\n", i, ts + i * 60
      tmsg = "Release 1.0.0\n"; printf "data %d\n%s\n", length(tmsg), tmsg
    }
  }
}' | timeout -k 10 900 git -C "$repo" fast-import --quiet
git -C "$repo" reset -q --hard main
range_count="$(git -C "$repo" rev-list --count v1.0.0..HEAD)"
pack_mb="$(du -sm "$repo/.git" | cut -f1)"
log "repository: $(git -C "$repo" rev-list --count HEAD) commits, $range_count in v1.0.0..HEAD, .git $pack_mb MB, generated in $(( $(date +%s) - t0 )) s"

# sanity: what FFE makes of it (also warms the page cache for both tools)
timeout -k 10 900 "$JAVA" -jar "$FFE_JAR" release analyze --repo "$repo" --json > "$out/analyze.json"
jq -c '{current_version, next_version, bump, commits, range}' "$out/analyze.json" >&2 || cat "$out/analyze.json" >&2
ffe_commits="$(jq -r '.commits' "$out/analyze.json" 2>/dev/null || echo '?')"
git -C "$repo" log --format=%B v1.0.0..HEAD > /dev/null

print_load "JVM start-up probe"
startup="$(jvm_startup)"
log "java -jar ffe.jar --version: $startup s (median of 3)"

t_git=(); t_ffe=()
for rep in $(seq 1 "$REPS"); do
  print_load "rep $rep: git log"
  t_git+=("$(time_cmd "$out/git.log" timeout -k 10 600 bash -c "git -C '$repo' log --format=%B v1.0.0..HEAD > /dev/null")")
  print_load "rep $rep: ffe release analyze"
  t_ffe+=("$(time_cmd "$out/ffe.log" timeout -k 10 600 bash -c "'$JAVA' -jar '$FFE_JAR' release analyze --repo '$repo' --json > /dev/null")")
  log "rep $rep: git log ${t_git[-1]} s, ffe ${t_ffe[-1]} s"
done

g_b="$(stat_min "${t_git[@]}")"; g_m="$(stat_median "${t_git[@]}")"
f_b="$(stat_min "${t_ffe[@]}")"; f_m="$(stat_median "${t_ffe[@]}")"
fn_b="$(awk -v a="$f_b" -v s="$startup" 'BEGIN { v = a - s; printf "%.3f\n", v < 0 ? 0 : v }')"
fn_m="$(awk -v a="$f_m" -v s="$startup" 'BEGIN { v = a - s; printf "%.3f\n", v < 0 ? 0 : v }')"
r="$(ratio "$f_m" "$g_m")"; rn="$(ratio "$fn_m" "$g_m")"

cat <<EOF

## Release analysis vs git log ($(date -u '+%Y-%m-%d %H:%M UTC'))

Machine: $(machine_line). Repository from \`git fast-import\`: $COMMITS commits, annotated tag v1.0.0
on commit $TAG_AT, so $range_count commits in \`v1.0.0..HEAD\` (FFE counted $ffe_commits); .git is $pack_mb MB
(one pack). Warm page cache. $REPS runs each, alternating; times in seconds, best / median.
Ratio = FFE time / git time (<= 2 is the goal). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores.

| measured | FFE best / median (s) | git log best / median (s) | FFE / git (median) | goal | verdict |
| --- | ---: | ---: | ---: | --- | --- |
| whole command, JVM start-up included | $f_b / $f_m | $g_b / $g_m | ${r}x | <= 2x | $(verdict "$r" "<=" 2) |
| minus JVM start-up ($startup s, median of 3 \`java -jar ffe.jar --version\`) | $fn_b / $fn_m | $g_b / $g_m | ${rn}x | <= 2x | $(verdict "$rn" "<=" 2) |

All runs (s): git log ${t_git[*]}; ffe ${t_ffe[*]}.

Commands:
\`\`\`
git -C REPO log --format=%B v1.0.0..HEAD > /dev/null
java -jar \$FFE_JAR release analyze --repo REPO --json > /dev/null
java -jar \$FFE_JAR --version     # start-up probe
\`\`\`
EOF
