-- stg_programmes: one row per programme.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_programmes as
select
    programme_id,
    department_id,
    name,
    sponsor,
    source_file,
    source_row
from raw_programmes;
