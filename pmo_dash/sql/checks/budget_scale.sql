-- budget_scale: a budget 1,000 times or more above or below its department's median budget (of three
-- or more) is kept, and flagged in the validation report (rule `scale`): an amount in the wrong unit
-- (£ millions written as pounds, pounds as thousands) would otherwise be a silent number.
with budgets as (
    select p.department_id, p.source_file, p.source_row, p.budget
    from raw_projects as p
    where p.budget > 0
    union all
    select p.department_id, r.source_file, r.source_row, r.budget
    from raw_status_reports as r
    inner join raw_projects as p on r.project_id = p.project_id
    where r.budget > 0
),

medians as (
    select department_id, median(budget) as median_budget
    from budgets
    group by department_id
    having count(*) >= 3
)

select
    b.source_file as file,
    b.source_row::bigint as row,
    'budget' as "column",
    printf('%.2f', b.budget) as value,
    'scale' as rule,
    printf(
        'budget %.2f is %s times %s its department''s median budget (%.2f): kept, but check its unit '
        || '(pounds, thousands, millions)',
        b.budget,
        printf('%,d', round(greatest(b.budget / m.median_budget, m.median_budget / b.budget))::bigint),
        case when b.budget > m.median_budget then 'above' else 'below' end,
        m.median_budget
    ) as message
from budgets as b
inner join medians as m on b.department_id = m.department_id
where b.budget >= 1000 * m.median_budget or b.budget * 1000 <= m.median_budget
order by file, row;
