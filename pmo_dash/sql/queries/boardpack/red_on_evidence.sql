-- red_on_evidence: one row per project within the filters active in the period and Red on evidence
-- (marts/portfolio.sql: SPI or CPI below its red cut-off, slip past the red days, or open high risks at
-- their red count; `evidence` says which), watermelons first, then the worst performance.
select
    p.project_id,
    p.name as project,
    p.department_id,
    d.name as department,
    p.reported_rag,
    p.delivery_confidence,
    p.is_watermelon,
    p.evidence,
    p.spi,
    p.cpi,
    p.slip_days,
    p.budget,
    p.eac
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and p.is_active
    and p.evidence_rag = 'Red'
order by p.is_watermelon desc, least(coalesce(p.spi, 1), coalesce(p.cpi, 1)), p.slip_days desc nulls last, p.project_id;
