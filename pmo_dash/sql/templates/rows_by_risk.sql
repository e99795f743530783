-- rows_by_risk: one department's rows of a contract table that names a risk (risk reviews): one row per row accepted
-- whose risk is on one of the department's projects, in the order it was returned.
-- $table_name is a contract table's name, checked against the contract.
with department_risks as (
    select risks.risk_id
    from raw_risks as risks
    inner join raw_projects as projects on projects.project_id = risks.project_id
    where projects.department_id = $department
)

select * exclude (source_file, source_row)
from query_table('raw_' || $table_name)
where risk_id in (select risk_id from department_risks)
order by source_file, source_row
