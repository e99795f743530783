-- stg_stage_gates: one row per project per gate.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_stage_gates as
select
    project_id,
    gate,
    planned_on,
    passed_on,
    decision,
    source_file,
    source_row
from raw_stage_gates;
