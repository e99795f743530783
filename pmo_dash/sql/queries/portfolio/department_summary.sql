-- department_summary: one row per department within the filters with projects active in the period:
-- how many, their budget (leaving out, and counting, the withheld ones; null when none is stated,
-- never 0) and EAC, how many are reported Red (three colours: Amber/Red counts as Red), how many are
-- Red, Amber and Green on evidence (null when none is judged) and watermelons, SPI and CPI of the
-- summed values, and the IPMO's "consistent reporting": how many of its active projects have their
-- latest return within the department's cadence window ending at the period (a carried-forward
-- return does not count), and what share.
select
    p.department_id,
    d.name as department,
    d.cadence,
    count(*) as active_projects,
    sum(p.budget) as budget,
    count(*) filter (where p.budget_withheld) as withheld_budgets,
    sum(p.eac) as eac,
    spi(sum(p.earned_value), sum(p.planned_value)) as spi,
    cpi(sum(p.earned_value), sum(p.actual_cost)) as cpi,
    count(*) filter (where three_colour(p.reported_rating) = 'Red') as reported_red,
    -- None judged (no return carries SPI, CPI or slip): not reported, never 0.
    case when count(p.evidence_rag) > 0 then count(*) filter (where p.evidence_rag = 'Red') end as evidence_red,
    case when count(p.evidence_rag) > 0 then count(*) filter (where p.evidence_rag = 'Amber') end as evidence_amber,
    case when count(p.evidence_rag) > 0 then count(*) filter (where p.evidence_rag = 'Green') end as evidence_green,
    count(*) filter (where p.is_watermelon) as watermelons,
    count(*) filter (where p.reported_this_period) as reported_projects,
    reporting_compliance(p.reported_this_period) as reporting_compliance
from scoped_projects($scope, $programme, $objective) as p
inner join stg_departments as d on p.department_id = d.department_id
where p.period = $as_of
    and p.is_active
group by all
order by d.name;
