-- compliance_matrix: per framework and department, the controls of the projects on the portfolio in
-- the period within the filters, counted by state. The returns hold each control's state today (no
-- history), so a past period shows today's states of the projects then on the portfolio.
select
    c.framework,
    p.department_id,
    d.name as department,
    count(*) as controls,
    count(*) filter (where c.state = 'Compliant') as compliant,
    count(*) filter (where c.state = 'In progress') as in_progress,
    count(*) filter (where c.state = 'Non-compliant') as non_compliant,
    count(*) filter (where c.state = 'Not assessed') as not_assessed
from scoped_projects($scope, $programme, $objective) as p
inner join stg_compliance_controls as c on p.project_id = c.project_id
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
group by c.framework, p.department_id, d.name
order by c.framework, d.name;
