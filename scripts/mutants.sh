#!/usr/bin/env bash
# Mutation testing with mutmut 3, one module at a time, in a scratch copy of the repository.
#
#   scripts/mutants.sh newsreader/sanitize.py tests/test_properties.py tests/test_hostile_content.py
#
# The first argument is the module to mutate; the rest are the test files that exercise it (mutmut runs
# them once to learn which tests reach which function, then only those against each mutant). Needs
# `pip install mutmut` (not part of the test extra: it is a developer's tool). Prints mutmut's results
# and a score line; the copy lives under a temporary folder and is removed afterwards.
#
# Optional environment: MUTANTS_CHILDREN=N passes `--max-children N` (default: mutmut's, one per core);
# MUTANTS_ONLY='glob ...' runs only the mutants whose names match (a sample of a large module, e.g.
# 'newsreader.store.db.x_search*'); MUTANTS_SAVE=FILE keeps a copy of the report (results and diffs).
# The report ends with the score, the score without the survivors that only change the case of SQL text
# (scripts/sql_case.py: equivalent by construction, as SQLite's keywords and names are case-insensitive),
# and the run's wall and CPU time.
set -euo pipefail
module="$1"; shift
[ "$#" -gt 0 ] || { echo "usage: $0 MODULE.py TEST_FILE..." >&2; exit 2; }
top="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$top" ls-files -z | (cd "$top" && xargs -0 tar -cf - --) | tar -xf - -C "$work"
ln -s "$top/../shared" "$work/../shared" 2>/dev/null || true
tests=$(printf '"%s", ' "$@")
cat >> "$work/pyproject.toml" <<TOML

[tool.mutmut]
source_paths = ["newsreader"]
only_mutate = ["$module"]
pytest_add_cli_args = ["-q", "-p", "no:cacheprovider", "-n", "0"]  # one process: mutmut maps tests in-process
pytest_add_cli_args_test_selection = [${tests%, }]
also_copy = ["seeds", "scripts", "bench", "config.example.toml", "README.md"]
TOML
cd "$work"
run_args=()
[ -n "${MUTANTS_CHILDREN:-}" ] && run_args+=(--max-children "$MUTANTS_CHILDREN")
# shellcheck disable=SC2206  # the globs are mutmut's to match, not the shell's
[ -n "${MUTANTS_ONLY:-}" ] && { set -f; run_args+=(${MUTANTS_ONLY}); set +f; }
started=$(date +%s); cpu0=$(awk '{print $16+$17}' /proc/$$/stat)  # children's CPU, once waited for
mutmut run "${run_args[@]}" >/dev/null 2>&1 || true
wall=$(( $(date +%s) - started ))
cpu=$(awk -v t="$(getconf CLK_TCK)" -v c0="$cpu0" '{printf "%.0f", ($16+$17-c0)/t}' /proc/$$/stat)
mutmut results --all true > results.txt 2>&1 || mutmut results > results.txt 2>&1 || true
{
cat results.txt
for name in $(grep ': survived' results.txt | sed 's/:.*//' | tr -d ' '); do
  echo "--- $name"; mutmut show "$name" 2>&1 | tail -n +3
done
} > report.txt
# Survivors that only change the case of SQL text: equivalent by construction (scripts/sql_case.py says
# which count); the second score leaves them out of the total, the raw score keeps them.
python "$top/scripts/sql_case.py" < report.txt > sql_case.txt
{
cat report.txt
killed=$(grep -c ': killed' results.txt || true)
timeouts=$(grep -c ': timeout' results.txt || true)
total=$(grep -v ': not checked' results.txt | grep -c ': ' || true)
sql=$(grep -c . sql_case.txt || true)
echo "score $module: $killed killed and $timeouts timed out (caught) of $total mutants run"
[ "$sql" -gt 0 ] && echo "SQL case (survivors that only change the case of SQL text, scripts/sql_case.py): $(tr '\n' ' ' < sql_case.txt)"
awk -v k="$killed" -v t="$timeouts" -v n="$total" -v s="$sql" 'BEGIN { if (n > 0) printf "raw %.1f%% (%d/%d); without the %d SQL-case survivors %.1f%% (%d/%d)\n", 100*(k+t)/n, k+t, n, s, (n>s ? 100*(k+t)/(n-s) : 100), k+t, n-s }'
echo "time: ${wall} s wall, ${cpu} s CPU (mutmut and its children); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
} | tee "${MUTANTS_SAVE:-/dev/null}"
