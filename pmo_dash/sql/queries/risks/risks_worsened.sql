-- risks_worsened: one row per risk open at both $since and $as_of within the filters whose
-- exposure grew between them, the largest rise first.
select
    a.risk_id,
    r.title,
    p.name as project,
    d.name as department,
    b.likelihood || ' x ' || b.impact as was,
    a.likelihood || ' x ' || a.impact as now,
    a.exposure - b.exposure as rise,
    r.owner
from scoped_risks($scope, $programme, $objective) as a
inner join scoped_risks($scope, $programme, $objective) as b
    on a.risk_id = b.risk_id
    and b.period = $since
inner join stg_risks as r on a.risk_id = r.risk_id
inner join stg_projects as p on a.project_id = p.project_id
inner join stg_departments as d on a.department_id = d.department_id
where a.period = $as_of
    and a.exposure > b.exposure
order by rise desc, a.exposure desc, a.risk_id;
