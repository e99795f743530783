-- periods: the reporting periods in which a project in scope existed, latest first.
select distinct period
from project_periods
where list_contains($scope, department_id)
order by period desc;
