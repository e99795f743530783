-- returned_tables: one row per department in scope and standard table it returned rows of (accepted),
-- so that a page can tell "not returned" from "none of them".
select
    department_folder as department_id,
    table_name,
    sum(accepted) as accepted
from ingest_runs
where list_contains($scope, department_folder)
    and table_name is not null
group by all
having sum(accepted) > 0
order by department_id, table_name;
