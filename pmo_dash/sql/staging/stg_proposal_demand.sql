-- stg_proposal_demand: one row per proposal, role and month.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_proposal_demand as
select
    proposal_id,
    role,
    month,
    demand_fte,
    source_file,
    source_row
from raw_proposal_demand;
