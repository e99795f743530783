-- mandatory_projects: projects on the portfolio in the period within the filters marked mandatory
-- (regulatory), with their ratings and frameworks; worst evidence first.
select
    p.project_id,
    p.name as project,
    p.department_id,
    d.name as department,
    p.compliance_tags,
    p.reported_rag,
    p.evidence_rag,
    p.evidence,
    p.baseline_finish,
    p.forecast_finish_then as forecast_finish
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of and p.mandatory and p.is_active
order by case p.evidence_rag when 'Red' then 0 when 'Amber' then 1 when 'Green' then 2 else 3 end, p.project_id;
