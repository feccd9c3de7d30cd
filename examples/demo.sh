#!/usr/bin/env bash
# The main job on the embedded default (SQLite, assay's own tiny model, nothing downloaded):
#   1. `assay run examples/quickstart.toml`: train model v1 on human-style seed traces, sample 1,200
#      candidates for fresh problems, verify every step, export the verified ones without duplicates,
#      print the funnel;
#   2. verify a file of model outputs made elsewhere, to show what refutations look like.
set -euo pipefail
cd "$(dirname "$0")/.."
ASSAY=.venv/bin/assay

$ASSAY run examples/quickstart.toml

echo
echo "== verifying a file of model outputs made elsewhere (examples/model_outputs.jsonl)"
$ASSAY verify file examples/model_outputs.jsonl --out quickstart-verdicts.jsonl
.venv/bin/python - quickstart-verdicts.jsonl <<'PY'
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    where = f" (first error: step {row['first_error_step']})" if row["first_error_step"] else ""
    print(f"  {row['id']:<26} {row['status']:<9}{where}  {row['evidence'][:90]}")
PY
