-- stg_dependencies: one row per dependency, filed by the department of the project that waits.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_dependencies as
select
    dependency_id,
    project_id,
    milestone_id,
    predecessor_project_id,
    predecessor_milestone_id,
    type,
    criticality,
    state,
    needed_by,
    source_file,
    source_row
from raw_dependencies;
