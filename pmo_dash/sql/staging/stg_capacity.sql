-- stg_capacity: one row per department, role and month.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_capacity as
select
    department_id,
    role,
    month,
    capacity_fte,
    source_file,
    source_row
from raw_capacity;
