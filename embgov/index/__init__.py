"""The index stage: a gate-passed corpus embedded by one model version into a versioned LanceDB table,
an alias (in the state database) that switches atomically to a complete, checked table, rollback and
retention, and queries that refuse an encoder of another model version.

This stage does not load models: callers hand it an `Encoder` (model name, version and an
`encode(texts)` function); `embgov.indexing` builds one from a registered version. lancedb, pyarrow
and numpy load inside the functions that need them.
"""

from embgov.index.build import build
from embgov.index.corpus import check_gated
from embgov.index.lifecycle import check_name, listing, live_tables, promote, promote_table, prune, rollback, tables
from embgov.index.types import AnnCheck, Encoder, Hit, IndexTable, QueryResult
from embgov.index.search import check_encoder, query, resolve, search, search_vectors

__all__ = ["AnnCheck", "Encoder", "Hit", "IndexTable", "QueryResult", "build", "check_encoder", "check_gated", "check_name", "listing", "live_tables", "promote",
           "promote_table", "prune", "query", "resolve", "rollback", "search", "search_vectors", "tables"]
