-- rows_by_project: one department's rows of a contract table that names a project (status reports, milestones, risks,
-- issues, benefits, lessons, ...): one row per row accepted whose project is the department's, in the
-- order it was returned. $table_name is a contract table's name, checked against the contract.
with department_projects as (
    select project_id from raw_projects where department_id = $department
)

select * exclude (source_file, source_row)
from query_table('raw_' || $table_name)
where project_id in (select project_id from department_projects)
order by source_file, source_row
