-- project_scatter: one row per project within the filters active and reporting in the period,
-- with its SPI and CPI for the schedule x cost scatter.
select
    p.project_id,
    p.name as project,
    d.name as department,
    p.budget,
    p.spi,
    p.cpi,
    p.evidence_rag
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and p.is_active
    and p.spi is not null
    and p.cpi is not null
order by p.project_id;
