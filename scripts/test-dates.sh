#!/usr/bin/env bash
# The tests at several "todays", to show they depend neither on the day the test clock says
# (TEST_TODAY, test/helpers/test-clock.ts) nor on the machine's clock. For each date D:
#   TEST_TODAY=D                 the test clock at D, the machine's clock as it is
#   faketime 'D 10:00:00'        the machine's clock at D (libfaketime), the test clock at its
#                                default day (2026-11-16)
# Dates: a month's last day (2027-01-31), a leap day (2028-02-29), a year's last day
# (2026-12-31) and the machine's today.
#
#   bash scripts/test-dates.sh                    every test, both vitest projects
#   bash scripts/test-dates.sh --project unit     any vitest arguments: a project, files
#
# Needs faketime (Debian: apt-get install faketime) and a build for the e2e project
# (made here when dist/ has none). Logs and JSON reports go to .tmp/test-dates/.
# Ends with one line per run, "<label>: N passed, N failed", and exits 1 if any run failed.
set -u
cd "$(dirname "$0")/.."

command -v faketime >/dev/null || { echo 'faketime is not installed (apt-get install faketime)' >&2; exit 2; }
if [ ! -f dist/pod/index.html ] || [ ! -d dist/extension ]; then npm run build --silent || exit 2; fi

today=$(date -u +%F)
dates=(2027-01-31 2028-02-29 2026-12-31)
case " ${dates[*]} " in *" $today "*) ;; *) dates+=("$today") ;; esac

out=.tmp/test-dates
mkdir -p "$out"
results=()
any_failed=0

# run LABEL PREFIX...: runs `PREFIX... npx vitest run "$@"` and records its counts.
run() {
  local label=$1
  shift
  local prefix=()
  while [ "$1" != -- ]; do prefix+=("$1"); shift; done
  shift
  local report="$out/$label.json" log="$out/$label.log"
  rm -f "$report"
  echo "== $label: ${prefix[*]} npx vitest run $*"
  local started=$SECONDS
  "${prefix[@]}" npx vitest run --reporter=default --reporter=json --outputFile="$report" "$@" >"$log" 2>&1
  local status=$?
  local counts
  counts=$(node -e '
    const fs = require("fs");
    const [file, status] = process.argv.slice(1);
    if (!fs.existsSync(file)) { console.log("no report (exit " + status + ")"); process.exit(1); }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    const broken = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.every((a) => a.status !== "failed")).length;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (broken ? ` (+${broken} file(s) failed to run)` : "") + (status !== "0" && r.numFailedTests === 0 && !broken ? ` (exit ${status})` : ""));
    process.exit(status === "0" && r.numFailedTests === 0 && !broken ? 0 : 1);
  ' "$report" "$status")
  local ok=$?
  [ $ok -ne 0 ] && any_failed=1
  results+=("$label: $counts [$((SECONDS - started)) s]")
  echo "   ${results[-1]}"
  [ $ok -ne 0 ] && grep -E '^ *(FAIL|×)' "$log" | head -20
}

for d in "${dates[@]}"; do
  run "TEST_TODAY=$d" env TEST_TODAY="$d" -- "$@"
  run "faketime-$d" faketime "$d 10:00:00" env -u TEST_TODAY -- "$@"
done

echo
printf '%s\n' "${results[@]}"
exit $any_failed
