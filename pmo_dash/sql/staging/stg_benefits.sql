-- stg_benefits: one row per benefit.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_benefits as
select
    benefit_id,
    project_id,
    name,
    kind,
    measure,
    unit,
    baseline_value,
    target_value,
    target_date,
    owner,
    source_file,
    source_row
from raw_benefits;
