-- stg_benefit_measurements: one row per benefit per period.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_benefit_measurements as
select
    benefit_id,
    as_of,
    planned_value,
    actual_value,
    source_file,
    source_row
from raw_benefit_measurements;
