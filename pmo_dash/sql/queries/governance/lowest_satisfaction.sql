-- lowest_satisfaction: the ten active projects within the filters whose return in force at the
-- period's end gives the lowest stakeholder satisfaction, with what the return said.
select
    p.project_id,
    p.name as project,
    p.department_id,
    d.name as department,
    p.stakeholder_satisfaction as satisfaction,
    p.reported_rag,
    p.evidence_rag,
    p.report_as_of,
    r.summary
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
left join stg_status_reports as r on p.project_id = r.project_id and p.report_period = r.period
where p.period = $as_of and p.is_active and p.stakeholder_satisfaction is not null
order by p.stakeholder_satisfaction, p.project_id
limit 10;
