-- reporting_compliance: one row per department within the filters. The IPMO's "consistent
-- reporting": the share of its projects active in the period whose latest return falls within the
-- department's cadence window ending at the period (a carried-forward return does not count).
select
    p.department_id,
    d.name as department,
    d.cadence,
    count(*) as active_projects,
    count(*) filter (where p.reported_this_period) as reported_projects,
    reporting_compliance(p.reported_this_period) as reporting_compliance
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and p.is_active
group by all
order by d.name;
