-- stg_projects: one row per project.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
-- As the contract says, an empty state is Active.
create view stg_projects as
select
    project_id,
    department_id,
    programme_id,
    name,
    sponsor,
    project_manager,
    methodology,
    stage,
    coalesce(state, 'Active') as state,
    objective_id,
    strategic_fit,
    baseline_start,
    baseline_finish,
    forecast_finish,
    actual_finish,
    budget,
    expected_benefit,
    mandatory,
    compliance_tags,
    source_file,
    source_row
from raw_projects;
