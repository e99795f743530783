-- rows_by_benefit: one department's rows of a contract table that names a benefit (benefit measurements): one row per
-- row accepted whose benefit is on one of the department's projects, in the order it was returned.
-- $table_name is a contract table's name, checked against the contract.
with department_benefits as (
    select benefits.benefit_id
    from raw_benefits as benefits
    inner join raw_projects as projects on projects.project_id = benefits.project_id
    where projects.department_id = $department
)

select * exclude (source_file, source_row)
from query_table('raw_' || $table_name)
where benefit_id in (select benefit_id from department_benefits)
order by source_file, source_row
