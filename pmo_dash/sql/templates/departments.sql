-- departments: one row per department that returned its departments row: its id and name, by id.
select department_id, name
from raw_departments
order by department_id
