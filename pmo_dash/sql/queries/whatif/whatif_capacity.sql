-- whatif_capacity: one row per department, role and month after the as-of period: the capacity the
-- departments in scope plan to have.
select c.department_id, c.role, c.month, c.capacity_fte
from stg_capacity as c
where list_contains($scope, c.department_id)
    and c.month > $as_of
order by c.department_id, c.role, c.month;
