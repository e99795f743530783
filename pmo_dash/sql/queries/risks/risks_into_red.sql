-- risks_into_red: one row per risk within the filters that is in the red zone (exposure at or
-- above the high-risk threshold) in $as_of but was not in $since (or was not yet raised).
with now as (
    select *
    from scoped_risks($scope, $programme, $objective)
    where period = $as_of
        and is_high
),

before as (
    select risk_id, exposure, is_high
    from scoped_risks($scope, $programme, $objective)
    where period = $since
)

select
    n.risk_id,
    r.title,
    n.project_id,
    p.name as project,
    d.name as department,
    b.exposure as exposure_before,
    n.exposure as exposure_now,
    r.owner
from now as n
inner join stg_risks as r on n.risk_id = r.risk_id
inner join stg_projects as p on n.project_id = p.project_id
inner join stg_departments as d on n.department_id = d.department_id
left join before as b on n.risk_id = b.risk_id
where not coalesce(b.is_high, false)
order by n.exposure desc, n.risk_id;
