-- stg_milestones: one row per milestone.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_milestones as
select
    milestone_id,
    project_id,
    name,
    baseline_date,
    forecast_date,
    actual_date,
    source_file,
    source_row
from raw_milestones;
