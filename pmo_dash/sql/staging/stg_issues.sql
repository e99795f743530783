-- stg_issues: one row per issue.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_issues as
select
    issue_id,
    project_id,
    title,
    severity,
    state,
    raised_on,
    resolved_on,
    source_file,
    source_row
from raw_issues;
