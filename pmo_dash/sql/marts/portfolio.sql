-- project_periods: one row per project per reporting period in which the project existed.
-- The status is the latest return on or before the period (carried forward a few periods,
-- with reported_this_period saying whether it is fresh), so that the portfolio totals of a
-- period include the departments that report late.
-- A project exists from the month it starts (or first reports) until the month it finished;
-- one that is on hold, cancelled or closed without a finish date ends at its last return.
-- It is active in every period of its span; in its last period only if it is still active
-- or finished during that month (one put on hold or cancelled stopped with its last return).

-- How the evidence names open high risks: "1 open high risk", "3 open high risks".
create macro high_risks_text(n) as format('{} open high risk{}', n, case when n = 1 then '' else 's' end);

create table project_periods as
with last_returns as (
    select project_id, min(period) as first_return, max(period) as last_return
    from stg_status_reports
    group by project_id
),

spans as (
    select
        p.*,
        least(last_day(p.baseline_start), coalesce(r.first_return, last_day(p.baseline_start))) as first_period,
        case
            when p.actual_finish is not null then last_day(p.actual_finish)
            when p.state = 'Active' then (select max(period) from periods)
            else coalesce(r.last_return, last_day(p.baseline_start))
        end as end_period
    from stg_projects as p
    left join last_returns as r on p.project_id = r.project_id
),

project_months as (
    select
        s.*,
        pe.period,
        (s.state = 'Active' and s.actual_finish is null)
        or pe.period < s.end_period
        or (pe.period = s.end_period and s.actual_finish is not null) as is_active
    from spans as s
    inner join periods as pe on pe.period between s.first_period and s.end_period
),

last_returns_then as (
    select m.*, r.period as last_return
    from project_months as m
    asof left join (select project_id, period from stg_status_reports) as r
        on m.project_id = r.project_id
        and m.period >= r.period
),

-- A return stands for its own period and at most carry_forward_periods after it; an older one
-- says nothing about today, so the project counts as not reported rather than as it once was.
with_return as (
    select
        m.*,
        r.period as report_period,
        r.as_of as report_as_of,
        r.overall_rag as reported_rag,
        r.schedule_rag as reported_schedule_rag,
        r.cost_rag as reported_cost_rag,
        r.percent_complete,
        r.planned_value,
        r.earned_value,
        r.actual_cost,
        r.forecast_finish as report_forecast_finish
    from last_returns_then as m
    cross join build_settings as b
    left join stg_status_reports as r
        on m.project_id = r.project_id
        and m.last_return = r.period
        and date_diff('month', r.period, m.period) <= b.carry_forward_periods
),

high_risks as (
    select project_id, period, count(*) as open_high_risks
    from risk_periods
    where is_high
    group by project_id, period
),

measured as (
    select
        w.*,
        w.report_period = w.period as reported_this_period,
        w.earned_value - w.planned_value as sv,
        w.earned_value - w.actual_cost as cv,
        spi(w.earned_value, w.planned_value) as spi,
        cpi(w.earned_value, w.actual_cost) as cpi,
        eac(w.budget, w.earned_value, w.actual_cost) as eac,
        vac(w.budget, w.earned_value, w.actual_cost) as vac,
        coalesce(
            case when w.actual_finish <= w.period then w.actual_finish end,
            w.report_forecast_finish,
            w.forecast_finish,
            w.baseline_finish
        ) as forecast_finish_then,
        coalesce(h.open_high_risks, 0) as open_high_risks
    from with_return as w
    left join high_risks as h on w.project_id = h.project_id and w.period = h.period
),

judged as (
    select
        m.*,
        slip_days(m.forecast_finish_then, m.baseline_finish) as slip_days,
        concat_ws(
            '; ',
            case when m.spi < b.spi_red then format('SPI {:.2f} < {}', m.spi, b.spi_red) end,
            case when m.cpi < b.cpi_red then format('CPI {:.2f} < {}', m.cpi, b.cpi_red) end,
            case
                when slip_days(m.forecast_finish_then, m.baseline_finish) > b.slip_red_days
                    then format('{} days late', slip_days(m.forecast_finish_then, m.baseline_finish))
            end,
            case when m.open_high_risks >= b.high_risks_red then high_risks_text(m.open_high_risks) end
        ) as red_evidence,
        concat_ws(
            '; ',
            case when m.spi < b.spi_amber then format('SPI {:.2f} < {}', m.spi, b.spi_amber) end,
            case when m.cpi < b.cpi_amber then format('CPI {:.2f} < {}', m.cpi, b.cpi_amber) end,
            case
                when slip_days(m.forecast_finish_then, m.baseline_finish) > b.slip_amber_days
                    then format('{} days late', slip_days(m.forecast_finish_then, m.baseline_finish))
            end,
            case when m.open_high_risks >= b.high_risks_amber then high_risks_text(m.open_high_risks) end
        ) as amber_evidence
    from measured as m
    cross join build_settings as b
),

final as (
    select
        * exclude (red_evidence, amber_evidence),
        case
            when report_period is null then null
            when red_evidence <> '' then 'Red'
            when amber_evidence <> '' then 'Amber'
            else 'Green'
        end as evidence_rag,
        case
            when report_period is null then null
            when red_evidence <> '' then red_evidence
            else nullif(amber_evidence, '')
        end as evidence
    from judged
)

select
    *,
    reported_rag = 'Green' and evidence_rag = 'Red' as is_watermelon
from final;
