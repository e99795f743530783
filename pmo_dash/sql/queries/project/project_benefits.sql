-- project_benefits: one row per benefit of the project, measured to $as_of: realisation is
-- actual / planned to date.
select
    b.benefit_id,
    b.name,
    b.kind,
    b.measure,
    b.unit,
    b.target_value,
    b.target_date,
    b.owner,
    l.measured_on,
    l.planned_value,
    l.actual_value,
    l.realisation
from stg_benefits as b
inner join stg_projects as p on b.project_id = p.project_id
left join measured_benefits($as_of) as l on b.benefit_id = l.benefit_id
where b.project_id = $project
    and list_contains($scope, p.department_id)
order by b.benefit_id;
