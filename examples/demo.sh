#!/usr/bin/env bash
# The main job on the embedded default (SQLite in a local folder, nothing downloaded):
# make problems from five math tasks with their reference solutions, verify every step, export the
# verified ones as SFT data, and verify a file of model outputs made elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
ASSAY=.venv/bin/assay
WS=demo-workspace
N=${ASSAY_DEMO_N:-400}

rm -rf "$WS"
$ASSAY init "$WS"
for task in linear arithmetic quadratic system game24; do
  $ASSAY generate problems -w "$WS" --task "$task" --n "$N" --seed 1
done
$ASSAY verify -w "$WS"
$ASSAY export jsonl -w "$WS"
$ASSAY export parquet -w "$WS"

echo
echo "== verifying a file of model outputs made elsewhere (examples/model_outputs.jsonl)"
$ASSAY verify file examples/model_outputs.jsonl --out "$WS/artifacts/model_outputs.verdicts.jsonl"
.venv/bin/python - "$WS/artifacts/model_outputs.verdicts.jsonl" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    where = f" (first error: step {row['first_error_step']})" if row["first_error_step"] else ""
    print(f"  {row['id']:<26} {row['status']:<9}{where}  {row['evidence'][:90]}")
PY
echo
echo "Workspace: $WS  (database $WS/assay.db, exports in $WS/artifacts/exports/)"
