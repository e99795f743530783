-- slip_origins: one row per project within the filters whose own lateness delays other projects in the
-- period: how many (and how many in other departments), and the longest knock-on delay; the ten that
-- delay the most first.
select
    o.project_id,
    s.name as project,
    s.department_id,
    s.evidence_rag,
    s.slip_days,
    o.projects_delayed,
    o.other_departments_delayed,
    o.longest_delay_days
from slip_origins as o
inner join scoped_projects($scope, $programme, $objective) as s
    on o.project_id = s.project_id and o.period = s.period
where o.period = $as_of
order by o.projects_delayed desc, o.longest_delay_days desc, o.project_id
limit 10;
