-- change_log: the change requests decided by the period's end within the filters (changes_decided),
-- newest first: who decided, and the cycle time from raised to decided.
select c.*, d.name as department
from changes_decided($scope, $programme, $objective, $as_of) as c
inner join stg_departments as d on c.department_id = d.department_id
order by c.decided_on desc nulls last, c.change_id;
