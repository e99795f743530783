-- watermelons: one row per project within the filters active in the period, reported Green
-- while its evidence is Red, worst performance first.
select
    p.project_id,
    p.name as project,
    p.department_id,
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
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and p.is_active
    and p.is_watermelon
order by least(coalesce(p.spi, 1), coalesce(p.cpi, 1)), p.project_id;
