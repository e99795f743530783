-- periods: the reporting periods in which a project in scope existed, latest first.
select distinct period
from scoped_projects($scope, null, null)
order by period desc;
