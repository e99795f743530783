-- whatif_candidates: one row per project within the filters that a portfolio review could fund at
-- the as-of period: active (the current portfolio) or on hold (funded again only if chosen), not
-- yet finished. Each stands as of its latest period up to $as_of. A project whose cost is unknown
-- (its budget withheld, and no EAC) cannot be budgeted, and is left out.
with latest as (
    select *
    from scoped_projects($scope, $programme, $objective)
    where period <= $as_of
    qualify row_number() over (partition by project_id order by period desc) = 1
),

exposure as (
    select project_id, sum(exposure)::double as exposure
    from scoped_risks($scope, $programme, $objective)
    where period = $as_of
    group by project_id
)

select
    p.project_id,
    p.name as project,
    p.department_id,
    d.name as department,
    p.strategic_fit,
    coalesce(p.expected_benefit, 0) as expected_benefit,
    coalesce(x.exposure, 0.0) as exposure,
    delivery_health(p.spi, p.cpi, b.whatif_health_floor) as health,
    p.spi,
    p.cpi,
    p.budget,
    coalesce(p.eac, p.budget) as eac,
    coalesce(p.forecast_finish_then, p.forecast_finish, p.baseline_finish) as finish,
    coalesce(p.mandatory, false) as mandatory,
    p.state = 'Active' as funded_now
from latest as p
inner join stg_departments as d on p.department_id = d.department_id
left join exposure as x on p.project_id = x.project_id
cross join build_settings as b
where p.state in ('Active', 'On hold')
    and p.actual_finish is null
    and coalesce(p.eac, p.budget) is not null
order by p.project_id;
