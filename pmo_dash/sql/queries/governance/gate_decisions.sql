-- gate_decisions: per department within the filters, the stage-gate decisions made by the period's
-- end on its projects: gates passed (Go, dated), and Hold, Recycle and Stop (which the returns do
-- not date: counted as made), with the median and mean days from planned to passed (negative: early).
select
    p.department_id,
    d.name as department,
    count(*) filter (where g.passed_on <= $as_of) as passed,
    count(*) filter (where g.passed_on is null and g.decision = 'Hold') as held,
    count(*) filter (where g.passed_on is null and g.decision = 'Recycle') as recycled,
    count(*) filter (where g.passed_on is null and g.decision = 'Stop') as stopped,
    median(date_diff('day', g.planned_on, g.passed_on)) filter (where g.passed_on <= $as_of) as median_days_late,
    count(*) filter (where g.passed_on <= $as_of and g.passed_on > g.planned_on) as passed_late
from scoped_project_list($scope, $programme, $objective) as p
inner join stg_stage_gates as g on p.project_id = g.project_id
inner join stg_departments as d on p.department_id = d.department_id
group by p.department_id, d.name
order by d.name;
