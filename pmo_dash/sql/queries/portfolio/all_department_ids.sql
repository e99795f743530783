-- all_department_ids: every department in the warehouse (the scope of an unrestricted user).
select department_id
from stg_departments
order by department_id;
