-- gates_passed: per month of the 13 periods up to the period, the stage gates passed within the filters:
-- on or before their planned date, and after it.
select
    date_trunc('month', g.passed_on) as month,
    count(*) filter (where g.passed_on <= g.planned_on) as on_time,
    count(*) filter (where g.passed_on > g.planned_on) as late
from scoped_project_list($scope, $programme, $objective) as p
inner join stg_stage_gates as g on p.project_id = g.project_id
where g.passed_on <= $as_of
    and g.passed_on > $as_of - interval 13 month
group by 1
order by 1;
