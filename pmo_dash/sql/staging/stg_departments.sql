-- stg_departments: one row per department PMO.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_departments as
select
    department_id,
    name,
    division,
    pmo_head,
    source_file,
    source_row
from raw_departments;
