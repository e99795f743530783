-- benefit_status: one row per benefit of the projects within the filters, measured to $as_of:
-- realisation is actual / planned to date; a benefit is at risk when its project is Red on
-- evidence in the period.
with status_now as (
    select project_id, evidence_rag
    from project_periods
    where period = $as_of
)

select
    b.benefit_id,
    b.name as benefit,
    b.kind,
    b.unit,
    b.owner,
    b.target_value,
    b.target_date,
    p.project_id,
    p.name as project,
    d.name as department,
    o.name as objective,
    l.measured_on,
    l.planned_value,
    l.actual_value,
    l.realisation,
    coalesce(s.evidence_rag = 'Red', false) as at_risk
from stg_benefits as b
inner join scoped_project_list($scope, $programme, $objective) as p on b.project_id = p.project_id
inner join stg_departments as d on p.department_id = d.department_id
left join stg_strategic_objectives as o on p.objective_id = o.objective_id
left join measured_benefits($as_of) as l on b.benefit_id = l.benefit_id
left join status_now as s on b.project_id = s.project_id
order by b.benefit_id;
