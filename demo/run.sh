#!/usr/bin/env bash
# The end-to-end demo on data that ships in demo/data. Each stage is added as it lands.
set -euo pipefail
cd "$(dirname "$0")/.."
export EMBGOV_HOME="${EMBGOV_HOME:-$PWD/.embgov/demo}"
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="" MLFLOW_DISABLE_TELEMETRY=true HF_HUB_OFFLINE=1
# The demo's spec copy in EMBGOV_HOME names demo/data and a policy copy there: both trees are data roots.
export EMBGOV_DATA_ROOTS="${EMBGOV_DATA_ROOTS:+$EMBGOV_DATA_ROOTS:}$PWD/demo/data:$EMBGOV_HOME"
# The keyed-hash secret for pseudonyms (at least 32 random bytes; the gate refuses weaker ones). The
# demo starts from an empty EMBGOV_HOME, so a fresh key per run is fine; a real deployment generates
# one once and keeps it in a secret store.
export EMBGOV_HASH_KEY="${EMBGOV_HASH_KEY:-$(python3 -c 'import secrets; print(secrets.token_hex(32))')}"

step() { printf '\n== %s\n' "$*"; }
rm -rf "$EMBGOV_HOME" && mkdir -p "$EMBGOV_HOME/policies"

step "1. Validate the example job specs"
embgov validate jobs/*.yaml

step "2. A compliance officer reviews the HIPAA policy and approves it"
# The demo approves a copy under EMBGOV_HOME so the repository's approvals.yaml stays untouched.
cp policies/hipaa.yaml "$EMBGOV_HOME/policies/hipaa.yaml"
POLICY="$EMBGOV_HOME/policies/hipaa.yaml"
embgov policy explain "$POLICY" | cut -c1-160
embgov policy check "$POLICY" || true
# Approvals are signed with the officer's SSH key and count only when that key is in the deployment's
# allowed_signers (EMBGOV_ALLOWED_SIGNERS). The demo makes a key of its own and lists it; a real
# deployment lists each approver's public key in a file job authors cannot edit.
ssh-keygen -q -t ed25519 -N "" -C officer@demo.example -f "$EMBGOV_HOME/officer_ed25519"
echo "officer@demo.example $(cut -d' ' -f1,2 "$EMBGOV_HOME/officer_ed25519.pub")" > "$EMBGOV_HOME/allowed_signers"
export EMBGOV_ALLOWED_SIGNERS="$EMBGOV_HOME/allowed_signers"
embgov policy approve "$POLICY" --by officer@demo.example --key "$EMBGOV_HOME/officer_ed25519"
echo "-- policy check verifies the signature and names the signer:"
embgov policy check "$POLICY"

step "3. Synthetic patient notes through the redaction gate (fails closed, leaves a receipt)"
# Only the declared columns leave the gate (here all of them, to show structured redaction); columns
# the policy names in `fields` (fname, lname, postcode, ...) are identifiers as a whole, and each
# column's name is context for its value.
PATIENT_COLUMNS=(fname lname email gender telephone address city state country postcode age last_visit next_visit
         height weight heart_rate diagnosis prescription doctor_notes)
embgov redact --policy "$POLICY" demo/data/patients/patients_notes.csv --out "$EMBGOV_HOME/gate/patients" \
    "${PATIENT_COLUMNS[@]/#/--field=}"
echo "-- header and first redacted record:"
sed -n 1,2p "$EMBGOV_HOME/gate/patients/patients_notes.csv" | cut -c1-300

step "4. Submit the LoRA job and let a worker run it: gate, pairs, LoRA on Ray Train, evaluation against base and BM25, ONNX export, registry"
# jobs/scifact-lora.yaml runs as shipped (1 epoch, 128 training tokens, every model evaluated at 256).
# Its copy under EMBGOV_HOME differs only where a copy must, and the demo prints each difference.
mkdir -p "$EMBGOV_HOME/jobs"
JOB="$EMBGOV_HOME/jobs/scifact-lora.yaml"
sed -e "s#../policies/hipaa.yaml#$POLICY#" -e "s#\.\./demo/data#$PWD/demo/data#g" jobs/scifact-lora.yaml > "$JOB"
echo "-- what the demo overrides from jobs/scifact-lora.yaml, and why:"
echo "   policy: the copy approved in step 2 (the repository's policy stays unapproved and untouched)"
echo "   data paths: absolute, because the copy lives in $EMBGOV_HOME, not beside ../demo/data"
diff jobs/scifact-lora.yaml "$JOB" | grep '^[<>]' | sed 's/^/   /' || true
JOB_ID=$(embgov submit "$JOB" --by "Demo Engineer")
echo "-- queued job $JOB_ID; a worker claims it (--once: run one job, then exit):"
embgov jobs list
embgov worker --once
echo "-- the job: state, stage timings, gate counts per entity, metrics against base and BM25, the model version:"
embgov jobs show "$JOB_ID"
RUN_DIR=$(embgov jobs show "$JOB_ID" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['run_dir'])")
echo "-- pairs built from gate-passed data (counts only):"
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); print({k: p[k] for k in ('method','pairs','negatives','mixed_pairs')})" \
    "$RUN_DIR/pairs/pairs.json"

echo "-- the registered version and its lineage:"
embgov models show scifact-lora:1

step "5. Production: the version serves traffic, the monitor sees it drift and enqueues re-tuning"
# The rules decide: the job promotes its version only when it beats the base model and BM25 on the
# held-out claims (jobs/scifact-lora.yaml: evaluation.promotion), all 300 of SciFact's test claims.
# No person overrides them here: if they keep the version a candidate, the demo prints why and stops,
# because the production steps below need a version the rules promoted.
STATUS=$(embgov models show scifact-lora:1 --json | python3 -c "import json,sys; print(json.load(sys.stdin)['status'])")
if [ "$STATUS" != production ]; then
    echo "-- the promotion rules kept scifact-lora:1 a $STATUS, because:"
    embgov models show scifact-lora:1 --json | python3 -c "import json,sys; d=json.load(sys.stdin); [print('     ' + r) for r in (d.get('decision') or {}).get('reasons', [])]" || true
    echo "   the steps below need a production model; a person may accept this one as an audited override"
    echo "   (embgov models promote scifact-lora 1 --by NAME --reason WHY), which the demo does not do for you"
    exit 1
fi
echo "-- scifact-lora:1 is in production: promoted by its rules, no person involved"
echo "-- the production version goes behind embgov serve (OpenAI-compatible /v1/embeddings) on a free loopback"
echo "   port, with a bearer token that may use scifact-lora only (only its sha256 is stored):"
TOKENS="$EMBGOV_HOME/serve-tokens.yaml"
EMBGOV_SERVE_TOKEN=$(embgov serve-token demo-frontend --models scifact-lora --file "$TOKENS")
export EMBGOV_SERVE_TOKEN  # read by demo/send_traffic.py; never printed
PORT=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
# Every served vector (never its text) goes to telemetry: 300 queries fill the monitor's window (min_window 100).
embgov serve --port "$PORT" --tokens "$TOKENS" --model scifact-lora --telemetry-sample 1 \
    2> "$EMBGOV_HOME/serve.log" &
SERVER=$!
stop_server() { kill -TERM "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true; }
trap stop_server EXIT  # a failed step never leaves the server running
echo "-- production traffic through the server (once /readyz says it serves scifact-lora), a partial shift:"
echo "   70 % SciFact claims, 30 % clinical sentences (another domain). The check runs jobs/scifact-lora.yaml's"
echo "   monitoring section as shipped (the defaults: mmd with a permutation test, min_window 100, a 500-claim reference):"
python3 demo/send_traffic.py "http://127.0.0.1:$PORT" scifact-lora "$JOB" "$EMBGOV_HOME/gate/patients/patients_notes.csv" \
    --shifted 0.3 --size 300
echo "-- the server's counters (/metrics; model calls: batch_texts_count), then it stops (SIGTERM: it writes the"
echo "   telemetry it still buffers before it exits):"
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E '^embgov_serve_(requests|texts)_total|^embgov_serve_batch_texts_(count|sum)' \
    | sed 's/^/   /' || true
stop_server
trap - EXIT
echo "-- one round of the daemon's checks (embgov daemon runs these on each spec's schedule):"
embgov daemon --once
embgov monitor events
echo "-- the same check by hand (the production version, its spec and model directory come from the check cache"
echo "   written at promotion, valid until the next promotion or rollback: no MLflow, no Evidently):"
embgov monitor check scifact-lora
echo "-- the re-tuning job it enqueued (trigger drift:EVENT; a worker would run it like any other):"
embgov jobs list --limit 3

step "6. Vocabulary coverage of the gate-passed corpus (the article's Phase 1)"
# Read from the gate's output: the terms it lists cannot be identifiers the policy covers.
embgov data vocab --model minilm-l6 "$RUN_DIR/gate/corpus/corpus.jsonl" --top 8

step "7. The audit trail (hash-chained)"
embgov audit list -n 10
embgov audit verify
