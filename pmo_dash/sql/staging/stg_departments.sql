-- stg_departments: one row per department PMO.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
-- As the contract says, an empty profile is Delivery, an empty cadence is Monthly.
create view stg_departments as
select
    department_id,
    name,
    division,
    pmo_head,
    coalesce(profile, 'Delivery') as profile,
    coalesce(cadence, 'Monthly') as cadence,
    complete_returns,
    source_file,
    source_row
from raw_departments;
