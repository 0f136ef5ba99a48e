#!/usr/bin/env bash
# The end-to-end demo on data that ships in demo/data. Each stage is added as it lands.
set -euo pipefail
cd "$(dirname "$0")/.."
export EMBGOV_HOME="${EMBGOV_HOME:-$PWD/.embgov/demo}"
export TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="" MLFLOW_DISABLE_TELEMETRY=true HF_HUB_OFFLINE=1

step() { printf '\n== %s\n' "$*"; }

step "1. Validate the example job specs"
embgov validate jobs/*.yaml

step "2. The audit trail (hash-chained)"
embgov audit verify
