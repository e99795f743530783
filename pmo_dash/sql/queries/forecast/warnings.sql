-- warnings: one row per project within the filters that the early warning flags in the period (active,
-- not finished, Green or Amber on evidence; marts/forecast.sql and pmo_dash/forecast): its chance of
-- being Red on evidence within three periods (null when flagged by the rule), what flagged it (the model,
-- or the rule when the model does not beat it) and why, its RAG now and its P80 cost exposure; likeliest
-- first.
select
    p.project_id,
    p.name as project,
    d.name as department,
    p.evidence_rag,
    p.reported_rag,
    case when w.flagged_by = 'model' then w.probability end as probability,
    w.flagged_by,
    w.reasons,
    f.p80_cost - f.budget as exposure
from scoped_projects($scope, $programme, $objective) as p
inner join early_warnings as w on p.project_id = w.project_id and p.period = w.period
inner join stg_departments as d on p.department_id = d.department_id
left join project_forecasts as f on p.project_id = f.project_id and p.period = f.period
where p.period = $as_of
    and w.flagged
order by w.probability desc nulls last, p.project_id;
