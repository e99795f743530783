-- risk_concentration: one row per risk category per department within the filters: risks open
-- in the period and their summed exposure.
select
    r.category,
    d.name as department,
    count(*) as risks,
    sum(rp.exposure)::bigint as exposure
from scoped_risks($scope, $programme, $objective) as rp
inner join stg_risks as r on rp.risk_id = r.risk_id
inner join stg_departments as d on rp.department_id = d.department_id
where rp.period = $as_of
group by r.category, d.name
order by r.category, d.name;
