-- Forecasts (issue 17; README "Measures"). Earned schedule (Lipke, "Schedule is Different", The
-- Measurable News, 2003; PMI Practice Standard for EVM, 2nd ed., appendix D): the date by which the
-- work earned was planned to be earned, read off the planned-value curve.

-- earned_schedule: one row per project and period whose return in force carries earned and planned
-- value, on a budget and a baseline (start before finish). The planned-value curve is what is known at
-- the return's date: nothing planned at the baseline start, the planned value each of the project's
-- returns reported up to that date (between start and baseline finish), and the whole budget at the
-- baseline finish (after any re-baseline); never falling. ES is the last point of the curve whose
-- planned value the earned value reaches, plus the share of the way to the next point that the rest
-- of the earned value covers (linear between the two dates). In days from the baseline start:
--   es_days, at_days (the return's date), pd_days (the planned duration);
--   spi_t = ES / AT; sv_t_days = ES - AT; ieac_t_days = PD / SPI(t), ieac_t_finish = start + that;
--   tspi = (PD - ES) / (PD - AT) while AT < PD; tcpi = (BAC - EV) / (BAC - AC) while AC < BAC.
create table earned_schedule as
with rows as (
    select
        project_id,
        period,
        report_as_of as status_date,
        baseline_start,
        current_baseline_finish as baseline_finish,
        budget as bac,
        least(earned_value, budget) as ev,
        actual_cost as ac
    from project_periods
    where earned_value is not null
        and planned_value is not null
        and budget > 0
        and baseline_start < current_baseline_finish
        and report_as_of > baseline_start
),

points as (
    select project_id, period, baseline_start as d, 0.0 as pv from rows
    union all
    select r.project_id, r.period, s.as_of as d, s.planned_value as pv
    from rows as r
    inner join stg_status_reports as s
        on r.project_id = s.project_id
        and s.as_of <= r.status_date
        and s.as_of > r.baseline_start
        and s.as_of < r.baseline_finish
        and s.planned_value is not null
    union all
    select project_id, period, baseline_finish as d, bac as pv from rows
),

curve as (
    select
        project_id,
        period,
        d,
        max(pv) over (partition by project_id, period order by d rows unbounded preceding) as pv
    from points
),

bracketed as (
    select
        r.*,
        max(c.d) filter (where c.pv <= r.ev) as k_date,
        arg_max(c.pv, c.d) filter (where c.pv <= r.ev) as k_pv,
        min(c.d) filter (where c.pv > r.ev) as n_date,
        arg_min(c.pv, c.d) filter (where c.pv > r.ev) as n_pv
    from rows as r
    inner join curve as c on r.project_id = c.project_id and r.period = c.period
    group by all
),

measured as (
    select
        *,
        date_diff('day', baseline_start, k_date)
        + coalesce((ev - k_pv) / nullif(n_pv - k_pv, 0) * date_diff('day', k_date, n_date), 0) as es_days,
        date_diff('day', baseline_start, status_date) as at_days,
        date_diff('day', baseline_start, baseline_finish) as pd_days
    from bracketed
)

select
    project_id,
    period,
    es_days,
    at_days,
    pd_days,
    es_days / nullif(at_days, 0) as spi_t,
    es_days - at_days as sv_t_days,
    pd_days * at_days / nullif(es_days, 0) as ieac_t_days,
    (baseline_start + to_days(round(pd_days * at_days / nullif(es_days, 0))::bigint))::date as ieac_t_finish,
    case when at_days < pd_days then (pd_days - es_days) / (pd_days - at_days) end as tspi,
    case when ac < bac then (bac - ev) / (bac - ac) end as tcpi
from measured;
