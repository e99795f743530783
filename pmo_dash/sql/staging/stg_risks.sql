-- stg_risks: one row per risk.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_risks as
select
    risk_id,
    project_id,
    title,
    category,
    likelihood,
    impact,
    owner,
    response,
    state,
    raised_on,
    closed_on,
    action_due,
    cost_exposure,
    source_file,
    source_row
from raw_risks;
