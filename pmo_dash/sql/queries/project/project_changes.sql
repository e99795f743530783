-- project_changes: one row per change request the project had raised by $as_of, with the
-- decision as it stood then (undecided until decided_on).
select
    c.change_id,
    c.raised_on,
    c.title,
    c.cost_impact,
    c.schedule_impact_days,
    case when c.decided_on <= $as_of then c.decision else 'Pending' end as decision,
    case when c.decided_on <= $as_of then c.decided_by end as decided_by
from stg_change_requests as c
inner join stg_projects as p on c.project_id = p.project_id
where c.project_id = $project
    and c.raised_on <= $as_of
    and list_contains($scope, p.department_id)
order by c.raised_on desc, c.change_id;
