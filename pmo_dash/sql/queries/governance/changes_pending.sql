-- changes_pending: change requests awaiting a decision at the period's end (changes_open), oldest first.
select c.*, d.name as department
from changes_open($scope, $programme, $objective, $as_of) as c
inner join stg_departments as d on c.department_id = d.department_id
order by c.raised_on, c.change_id;
