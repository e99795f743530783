-- project_periods: one row per project per reporting period in which the project existed.
-- The status is the latest return on or before the period, standing for its department's cadence
-- window and a few periods more (return_stands), with reported_this_period saying whether it
-- falls within the cadence window ending at the period (reporting_window), so that the portfolio
-- totals of a period include the departments that report late, or yearly.
-- A project exists from the month it starts (or first reports) until the month it finished;
-- one that is on hold, cancelled or closed without a finish date ends at its last return.
-- It is active in every period of its span; in its last period only if it is still active
-- or finished during that month (one put on hold or cancelled stopped with its last return).
-- A department whose returns are complete (each lists every project it has at its date, as a
-- published portfolio does) knows a project only from its returns: the project is on the portfolio
-- from its first return, and on it in a period only while the department's latest return lists it
-- (one a later return leaves out is off the portfolio until a return lists it again); that return
-- stands for its cadence window and the carry-forward like any other. A closed one left with the
-- department's next return, or at the latest when that was due (the end of its cadence window).
-- Budget and baseline finish are those of the standing return where it gives them (after a
-- re-baseline), else the project's; the project's baseline finish is kept as the original.
-- Evidence is judged on the evidence present: a measure a return does not carry is not reported,
-- never 0 and never Red, and the evidence says what it was judged on when something is missing.

-- How the evidence names open high risks: "1 open high risk", "3 open high risks".
create macro high_risks_text(n) as format('{} open high risk{}', n, case when n = 1 then '' else 's' end);

-- The evidence-based RAG of a status in force and why (README "Measures"), judged on the measures it
-- carries: a schedule index (SPI, or SPI(t) when the build says so; `index_name` names it), CPI, slip and
-- open high risks, against the cut-offs of build_settings. Red when any is beyond its red cut-off, Amber
-- likewise, Green when judged on at least one measure; none without a return (report_period null), or
-- with nothing to judge and no high risk. The evidence says which rule fired, and what was missing.
create macro evidence_judged(report_period, index_name, schedule_index, cpi, slip, highs) as (
    with b as (from build_settings),
    rules as (
        select
            concat_ws(
                '; ',
                case when schedule_index < b.spi_red
                    then format('{} {:.2f} < {}', index_name, schedule_index, b.spi_red) end,
                case when cpi < b.cpi_red then format('CPI {:.2f} < {}', cpi, b.cpi_red) end,
                case when slip > b.slip_red_days then format('{} days late', slip) end,
                case when highs >= b.high_risks_red then high_risks_text(highs) end
            ) as red,
            concat_ws(
                '; ',
                case when schedule_index < b.spi_amber
                    then format('{} {:.2f} < {}', index_name, schedule_index, b.spi_amber) end,
                case when cpi < b.cpi_amber then format('CPI {:.2f} < {}', cpi, b.cpi_amber) end,
                case when slip > b.slip_amber_days then format('{} days late', slip) end,
                case when highs >= b.high_risks_amber then high_risks_text(highs) end
            ) as amber,
            concat_ws(
                ' and ',
                case when schedule_index is not null then index_name end,
                case when cpi is not null then 'CPI' end,
                case when slip is not null then 'slip' end
            ) as judged_on,
            (schedule_index is not null)::int + (cpi is not null)::int + (slip is not null)::int as present
        from b
    )
    select {
        'rag': case
            when report_period is null then null
            when red <> '' then 'Red'
            when amber <> '' then 'Amber'
            when present = 0 then null  -- nothing to judge: not reported, never Green
            else 'Green'
        end,
        'evidence': case
            when report_period is null then null
            when present = 3 then coalesce(nullif(red, ''), nullif(amber, ''))
            when present = 0
                then coalesce(nullif(red, ''), nullif(amber, '')) || format('; no {}, CPI or slip reported', index_name)
            else concat_ws('; ', coalesce(nullif(red, ''), nullif(amber, '')), 'judged on ' || judged_on || ' only')
        end
    }
    from rules
);

create table project_periods as
with last_returns as (
    select project_id, min(period) as first_return, max(period) as last_return
    from stg_status_reports
    group by project_id
),

-- The periods in which each department returned anything.
department_returns as (
    select distinct p.department_id, r.period
    from stg_status_reports as r
    inner join stg_projects as p on r.project_id = p.project_id
),

-- Which values the returns withheld (read as empty): a withheld budget is never a budget of 0.
withheld_budgets as (
    select distinct table_name, file, row
    from withheld_values
    where "column" = 'budget'
),

spans as (
    select
        p.* exclude (budget),
        p.budget as project_budget,
        pw.row is not null as project_budget_withheld,
        coalesce(d.profile, 'Delivery') as profile,
        coalesce(d.cadence, 'Monthly') as cadence,
        coalesce(d.complete_returns, false) as complete_returns,
        case
            when d.complete_returns and r.first_return is not null then r.first_return
            else least(last_day(p.baseline_start), coalesce(r.first_return, last_day(p.baseline_start)))
        end as first_period,
        case
            when p.actual_finish is not null then last_day(p.actual_finish)
            when p.state = 'Active' then (select max(period) from periods)
            -- Complete returns: a closed project left with the department's next return (which leaves it
            -- out), or by the end of its last return's cadence window, when the department was next due.
            when d.complete_returns and r.last_return is not null then least(
                coalesce(
                    (
                        select last_day(min(n.period) - interval 1 month)
                        from department_returns as n
                        where n.department_id = p.department_id and n.period > r.last_return
                    ),
                    (select max(period) from periods)
                ),
                last_day(r.last_return + to_months(cadence_periods(coalesce(d.cadence, 'Monthly')) - 1))
            )
            else coalesce(r.last_return, last_day(p.baseline_start))
        end as end_period
    from stg_projects as p
    left join stg_departments as d on p.department_id = d.department_id
    left join last_returns as r on p.project_id = r.project_id
    left join withheld_budgets as pw
        on pw.table_name = 'projects'
        and p.source_file = pw.file
        and p.source_row = pw.row
),

project_months as (
    select
        s.*,
        pe.period,
        (s.state = 'Active' and s.actual_finish is null)
        or s.complete_returns  -- while its department's latest return lists it (with_return)
        or pe.period < s.end_period
        or (pe.period = s.end_period and s.actual_finish is not null) as is_active
    from spans as s
    inner join periods as pe on pe.period between s.first_period and s.end_period
),

last_returns_then as (
    select m.*, r.period as last_return, d.period as department_last_return
    from project_months as m
    asof left join (select project_id, period from stg_status_reports) as r
        on m.project_id = r.project_id
        and m.period >= r.period
    asof left join department_returns as d
        on m.department_id = d.department_id
        and m.period >= d.period
),

-- A return stands for its cadence window and at most carry_forward_periods after it; an older one
-- says nothing about today, so the project counts as not reported rather than as it once was.
with_return as (
    select
        m.* exclude (is_active, department_last_return),
        m.is_active and (not m.complete_returns or m.last_return = m.department_last_return) as is_active,
        r.period as report_period,
        r.as_of as report_as_of,
        r.overall_rag as reported_rag,
        r.delivery_confidence,
        r.schedule_rag as reported_schedule_rag,
        r.cost_rag as reported_cost_rag,
        r.percent_complete,
        r.planned_value,
        r.earned_value,
        r.actual_cost,
        r.forecast_finish as report_forecast_finish,
        r.stakeholder_satisfaction,
        r.budget as report_budget,
        rw.row is not null as report_budget_withheld,
        r.baseline_finish as report_baseline_finish
    from last_returns_then as m
    cross join build_settings as b
    left join stg_status_reports as r
        on m.project_id = r.project_id
        and m.last_return = r.period
        and return_stands(r.period, m.period, m.cadence, b.carry_forward_periods)
        and (not m.complete_returns or m.last_return = m.department_last_return)
    left join withheld_budgets as rw
        on rw.table_name = 'status_reports'
        and r.source_file = rw.file
        and r.source_row = rw.row
),

-- The budget and baseline finish as at the standing return, after any re-baseline.
rebaselined as (
    select
        * exclude (report_budget, report_budget_withheld, report_baseline_finish),
        -- A budget the standing return withheld stays withheld: never another return's figure; nor
        -- does a complete return that states none borrow one (it states what holds at its date).
        case
            when report_budget_withheld then null
            when complete_returns and report_period is not null then report_budget
            else coalesce(report_budget, project_budget)
        end as budget,
        report_budget_withheld
        or (report_budget is null and project_budget is null and project_budget_withheld) as budget_withheld,
        coalesce(report_baseline_finish, baseline_finish) as current_baseline_finish
    from with_return
),

high_risks as (
    select project_id, period, count(*) as open_high_risks
    from risk_periods
    where is_high
    group by project_id, period
),

-- EAC and VAC need an actual cost: a return that reports none has no EAC (not reported, never the
-- budget passed off as an estimate); a Delivery project with no standing return keeps its budget as
-- its EAC, as before. A Delivery return without a forecast finish is on its baseline; an Oversight
-- one has no slip.
measured as (
    select
        w.*,
        reporting_window(w.report_period, w.period, w.cadence) as reported_this_period,
        coalesce(w.delivery_confidence, w.reported_rag) as reported_rating,
        w.earned_value - w.planned_value as sv,
        w.earned_value - w.actual_cost as cv,
        spi(w.earned_value, w.planned_value) as spi,
        cpi(w.earned_value, w.actual_cost) as cpi,
        case
            when w.actual_cost is not null or (w.report_period is null and w.profile = 'Delivery')
                then eac(w.budget, w.earned_value, w.actual_cost)
        end as eac,
        case
            when w.actual_cost is not null or (w.report_period is null and w.profile = 'Delivery')
                then vac(w.budget, w.earned_value, w.actual_cost)
        end as vac,
        -- The projects return's forecast finish is today's (it keeps no history): it stands in for a
        -- return's only in the latest period, never in an earlier one, which would show later news.
        coalesce(
            case when w.actual_finish <= w.period then w.actual_finish end,
            w.report_forecast_finish,
            case when w.period = (select max(period) from periods) then w.forecast_finish end,
            case when w.profile = 'Delivery' then w.current_baseline_finish end
        ) as forecast_finish_then,
        coalesce(h.open_high_risks, 0) as open_high_risks
    from rebaselined as w
    left join high_risks as h on w.project_id = h.project_id and w.period = h.period
),

-- Slip against the current baseline (after any re-baseline) and, for the record, the original.
slipped as (
    select
        *,
        slip_days(forecast_finish_then, current_baseline_finish) as slip_days,
        slip_days(forecast_finish_then, baseline_finish) as original_slip_days
    from measured
),

final as (
    select
        m.*,
        -- Judged on SPI here; marts/forecast.sql judges again on SPI(t) when the build says so.
        evidence_judged(m.report_period, 'SPI', m.spi, m.cpi, m.slip_days, m.open_high_risks) as judged
    from slipped as m
)

select
    * exclude (judged),
    judged.rag as evidence_rag,
    judged.evidence,
    reported_rag = 'Green' and judged.rag = 'Red' as is_watermelon
from final;
