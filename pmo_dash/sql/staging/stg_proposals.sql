-- stg_proposals: one row per proposed initiative (not yet a project).
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_proposals as
select
    proposal_id,
    department_id,
    title,
    sponsor,
    estimated_cost,
    annual_benefit,
    benefit_years,
    objective_id,
    strategic_fit,
    risk_rating,
    operational_impact,
    requested_start,
    source_file,
    source_row
from raw_proposals;
