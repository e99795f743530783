-- reported_months: one row per department in scope and month its status reports cover, however they
-- came (the base returns or a submission), so that the reporting calendar can tell a month loaded from
-- the base folder from one nobody returned.
select distinct
    p.department_id,
    strftime(r.period, '%Y-%m') as period
from stg_status_reports as r
inner join stg_projects as p on r.project_id = p.project_id
where list_contains($scope, p.department_id)
order by 1, 2;
