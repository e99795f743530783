-- gates_due: the stage gates the steering committee must decide: open gates (gates_open) planned up to
-- gate_horizon_days after the period's end, overdue first, then by planned date.
select g.*, d.name as department
from gates_open($scope, $programme, $objective, $as_of) as g
inner join stg_departments as d on g.department_id = d.department_id
where g.planned_on <= $as_of + to_days((select gate_horizon_days from build_settings))
order by g.planned_on, g.project_id, g.gate;
