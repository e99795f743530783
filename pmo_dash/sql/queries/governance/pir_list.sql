-- pir_list: the projects closed by the period's end within the filters whose review is overdue or was
-- held, overdue first (longest first), then the reviews newest first.
select r.*, d.name as department
from pir_reviews($scope, $programme, $objective, $as_of) as r
inner join stg_departments as d on r.department_id = d.department_id
where r.status in ('overdue', 'held')
order by r.status = 'held', case when r.status = 'overdue' then r.due_on end, r.held_on desc, r.project_id;
