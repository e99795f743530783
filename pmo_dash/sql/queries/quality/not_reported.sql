-- not_reported: the projects in scope active in $as_of whose status was not reported for that period
-- (carried forward from an earlier return, or never returned): what freshness counts against.
select
    p.project_id,
    p.name as project,
    p.department_id,
    p.project_manager,
    p.report_as_of as last_reported
from scoped_projects($scope, null, null) as p
where p.period = $as_of
    and p.is_active
    and not coalesce(p.reported_this_period, false)
order by p.report_as_of nulls first, p.project_id;
