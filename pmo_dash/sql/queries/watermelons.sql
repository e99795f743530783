-- watermelons: one row per project in scope reported Green whose evidence is Red in the period,
-- worst cost performance first.
select
    p.project_id,
    p.name as project,
    d.name as department,
    p.project_manager,
    p.reported_rag,
    p.evidence_rag,
    p.evidence,
    p.spi,
    p.cpi,
    p.slip_days,
    p.budget,
    p.eac,
    p.report_as_of
from project_periods as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and p.is_watermelon
    and list_contains($scope, p.department_id)
order by least(coalesce(p.spi, 1), coalesce(p.cpi, 1)), p.project_id;
