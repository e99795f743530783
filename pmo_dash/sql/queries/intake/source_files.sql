-- source_files: one row per file the warehouse was built from: its path under the source folder and
-- its sha256. Not scoped: it is read before anyone logs in, to tell the shipped demo from real
-- returns, and never shown.
select path, sha256
from ingest_runs
order by path;
