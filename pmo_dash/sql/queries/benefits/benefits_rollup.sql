-- benefits_rollup: one row per department, per strategic objective and per kind (dimension
-- says which) for the benefits of the projects within the filters, measured to $as_of.
-- Benefits come in different units, so realisation rolls up as the mean of each benefit's
-- actual / planned; money is summed for cashable benefits only.
with benefits as (
    select
        d.name as department,
        coalesce(o.name, 'No objective') as objective,
        b.kind,
        b.realisation,
        case when b.kind = 'Cashable' then b.planned_value end as cashable_planned,
        case when b.kind = 'Cashable' then b.actual_value end as cashable_actual,
        b.at_risk
    from benefits_then($scope, $programme, $objective, $as_of) as b
    inner join stg_departments as d on b.department_id = d.department_id
    left join stg_strategic_objectives as o on b.objective_id = o.objective_id
),

rolled as (
    select 'department' as dimension, department as name, * exclude (department, objective, kind) from benefits
    union all
    select 'objective', objective, * exclude (department, objective, kind) from benefits
    union all
    select 'kind', kind, * exclude (department, objective, kind) from benefits
)

select
    dimension,
    name,
    count(*) as benefits,
    count(realisation) as measured,
    avg(realisation) as realisation,
    coalesce(sum(cashable_planned), 0) as cashable_planned,
    coalesce(sum(cashable_actual), 0) as cashable_actual,
    count(*) filter (where at_risk) as at_risk
from rolled
group by dimension, name
order by dimension, name;
