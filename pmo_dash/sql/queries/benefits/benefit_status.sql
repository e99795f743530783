-- benefit_status: one row per benefit of the projects within the filters, measured to $as_of,
-- and whether it is at risk (marts/benefits.sql defines both).
select
    b.benefit_id,
    b.name as benefit,
    b.kind,
    b.unit,
    b.owner,
    b.target_value,
    b.target_date,
    b.project_id,
    b.project,
    d.name as department,
    o.name as objective,
    b.measured_on,
    b.planned_value,
    b.actual_value,
    b.realisation,
    b.at_risk
from benefits_then($scope, $programme, $objective, $as_of) as b
inner join stg_departments as d on b.department_id = d.department_id
left join stg_strategic_objectives as o on b.objective_id = o.objective_id
order by b.benefit_id;
