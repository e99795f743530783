-- change_log: the change requests decided in the 13 periods up to the period's end within the filters
-- (changes_decided; one the returns do not date is left out), newest first: who decided, and the
-- cycle time from raised to decided.
select c.*, d.name as department
from changes_decided($scope, $programme, $objective, $as_of) as c
inner join stg_departments as d on c.department_id = d.department_id
where c.decided_on > $as_of - interval 13 month
order by c.decided_on desc nulls last, c.change_id;
