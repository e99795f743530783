-- programme_summary: one row per programme (and one for projects outside any programme) within
-- the filters, rolling up its projects active in the period; with its department (none for the
-- projects outside any programme, which may span departments).
select
    p.programme_id,
    coalesce(g.name, 'No programme') as programme,
    g.department_id,
    d.name as department,
    count(*) as active_projects,
    sum(p.budget) as budget,
    count(*) filter (where p.budget_withheld) as withheld_budgets,
    sum(p.eac) as eac,
    spi(sum(p.earned_value), sum(p.planned_value)) as spi,
    cpi(sum(p.earned_value), sum(p.actual_cost)) as cpi,
    count(*) filter (where p.evidence_rag = 'Red') as red,
    count(*) filter (where p.evidence_rag = 'Amber') as amber,
    count(*) filter (where p.evidence_rag = 'Green') as green,
    count(*) filter (where p.is_watermelon) as watermelons
from scoped_projects($scope, $programme, $objective) as p
left join stg_programmes as g on p.programme_id = g.programme_id
left join stg_departments as d on g.department_id = d.department_id
where p.period = $as_of
    and p.is_active
group by p.programme_id, g.name, g.department_id, d.name
order by p.programme_id is null, d.name, programme;
