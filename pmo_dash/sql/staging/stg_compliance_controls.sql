-- stg_compliance_controls: one row per project per control.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_compliance_controls as
select
    project_id,
    framework,
    control,
    state,
    due_on,
    evidenced_on,
    source_file,
    source_row
from raw_compliance_controls;
