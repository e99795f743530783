-- project_benefits: one row per benefit of the project, measured to $as_of: realisation is
-- actual / planned to date.
with latest as (
    select benefit_id, planned_value, actual_value, as_of
    from stg_benefit_measurements
    where as_of <= $as_of
    qualify row_number() over (partition by benefit_id order by as_of desc) = 1
)

select
    b.benefit_id,
    b.name,
    b.kind,
    b.measure,
    b.unit,
    b.target_value,
    b.target_date,
    b.owner,
    l.as_of as measured_on,
    l.planned_value,
    l.actual_value,
    l.actual_value / nullif(l.planned_value, 0) as realisation
from stg_benefits as b
inner join stg_projects as p on b.project_id = p.project_id
left join latest as l on b.benefit_id = l.benefit_id
where b.project_id = $project
    and list_contains($scope, p.department_id)
order by b.benefit_id;
