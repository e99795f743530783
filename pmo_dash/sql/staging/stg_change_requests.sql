-- stg_change_requests: one row per change request.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_change_requests as
select
    change_id,
    project_id,
    raised_on,
    title,
    cost_impact,
    schedule_impact_days,
    decision,
    decided_on,
    decided_by,
    source_file,
    source_row
from raw_change_requests;
