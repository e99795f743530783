-- stg_strategic_objectives: one row per strategic objective.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_strategic_objectives as
select
    objective_id,
    name,
    weight,
    source_file,
    source_row
from raw_strategic_objectives;
