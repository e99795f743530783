-- unstated_fields: the projects in scope on the portfolio in $as_of with an optional field left empty,
-- in their row of the projects return or in their status return for that period: the fields
-- completeness counts (marts/quality.sql), with the file and row to fill them in.
with found as (
    select
        p.project_id,
        p.name as project,
        p.department_id,
        'projects' as table_name,
        p.source_file,
        p.source_row,
        unstated_project_fields(
            p.sponsor, p.project_manager, p.objective_id, p.expected_benefit, p.mandatory
        ) as fields
    from scoped_projects($scope, null, null) as p
    where p.period = $as_of
    union all
    select
        p.project_id,
        p.name as project,
        p.department_id,
        'status_reports' as table_name,
        r.source_file,
        r.source_row,
        unstated_return_fields(
            r.scope_rag, r.resource_rag, r.forecast_finish, r.stakeholder_satisfaction, r.summary
        ) as fields
    from scoped_projects($scope, null, null) as p
    inner join stg_status_reports as r on p.project_id = r.project_id and r.period = p.period
    where p.period = $as_of
)
select project_id, project, department_id, table_name, source_file, source_row, array_to_string(fields, ', ') as fields
from found
where len(fields) > 0
order by department_id, project_id, table_name;
