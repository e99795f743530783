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
    select project_id, period, ev, baseline_start as d, 0.0 as pv from rows
    union all
    select r.project_id, r.period, r.ev, s.as_of as d, s.planned_value as pv
    from rows as r
    inner join stg_status_reports as s
        on r.project_id = s.project_id
        and s.as_of <= r.status_date
        and s.as_of > r.baseline_start
        and s.as_of < r.baseline_finish
        and s.planned_value is not null
    union all
    select project_id, period, ev, baseline_finish as d, bac as pv from rows
),

-- The curve's running maximum is not built: the last point whose curve value the earned value reaches
-- is the last point before the first whose planned value exceeds it, and the curve's value at a point
-- is the largest planned value up to it. Grouped by project and period alone: the rest of a row is
-- joined back once, after.
exceeds as (
    select project_id, period, min(d) filter (where pv > ev) as n_date
    from points
    group by project_id, period
),

bracketed as (
    select
        p.project_id,
        p.period,
        max(p.d) filter (where x.n_date is null or p.d < x.n_date) as k_date,
        max(p.pv) filter (where x.n_date is null or p.d < x.n_date) as k_pv,
        any_value(x.n_date) as n_date,
        max(p.pv) filter (where p.d <= x.n_date) as n_pv
    from exceeds as x
    inner join points as p on x.project_id = p.project_id and x.period = p.period
    group by p.project_id, p.period
),

measured as (
    select
        r.*,
        date_diff('day', r.baseline_start, b.k_date)
        + coalesce((r.ev - b.k_pv) / nullif(b.n_pv - b.k_pv, 0) * date_diff('day', b.k_date, b.n_date), 0)
            as es_days,
        date_diff('day', r.baseline_start, r.status_date) as at_days,
        date_diff('day', r.baseline_start, r.baseline_finish) as pd_days
    from rows as r
    inner join bracketed as b on r.project_id = b.project_id and r.period = b.period
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

-- The evidence RAG judged on SPI(t) rather than SPI, when the build says so (evidence_schedule_index):
-- project_periods is judged again here, where SPI(t) is known, by the one judgement (evidence_judged).
update project_periods as p
set
    evidence_rag = j.judged.rag,
    evidence = j.judged.evidence,
    is_watermelon = p.reported_rag = 'Green' and j.judged.rag = 'Red'
from (
    select
        pp.project_id,
        pp.period,
        evidence_judged(pp.report_period, 'SPI(t)', es.spi_t, pp.cpi, pp.slip_days, pp.open_high_risks) as judged
    from project_periods as pp
    left join earned_schedule as es on pp.project_id = es.project_id and pp.period = es.period
    where (select evidence_schedule_index from build_settings) = 'SPI(t)'
) as j
where p.project_id = j.project_id
    and p.period = j.period;

-- Reference-class forecasting (Flyvbjerg, "From Nobel Prize to project management: getting risks
-- right", Project Management Journal, 2006; the basis of HM Treasury's optimism-bias uplifts): a
-- project will land as similar finished projects landed.

-- reference_outcomes: one row per closed project whose outcome is known: its budget at baseline (the
-- projects return's budget, else the first a return stated), its final cost (the actual cost of its last
-- return that reports one; at the oversight level, which reports no actual cost, the whole-life budget
-- its last return stated), its finish (the actual finish, else its last return's forecast finish, else
-- its last return's baseline finish) and the period from which it is known closed (the month it
-- finished; one that closed with no finish date, from the period after its last on the portfolio).
--   cost_outcome = final cost / budget at baseline;
--   schedule_outcome = (finish - baseline start) / (baseline finish - baseline start), the original
--   baseline finish.
create table reference_outcomes as
with returned as (
    select
        project_id,
        arg_min(budget, as_of) filter (where budget is not null) as first_budget,
        arg_max(actual_cost, as_of) filter (where actual_cost is not null) as final_actual_cost,
        arg_max(budget, as_of) filter (where budget is not null) as last_budget,
        arg_max(forecast_finish, as_of) filter (where forecast_finish is not null) as last_forecast_finish,
        arg_max(baseline_finish, as_of) filter (where baseline_finish is not null) as last_baseline_finish
    from stg_status_reports
    group by project_id
),

on_portfolio as (
    select project_id, max(period) as last_period
    from project_periods
    group by project_id
),

outcomes as (
    select
        p.project_id,
        p.department_id,
        p.programme_id,
        coalesce(p.methodology, 'not stated') as methodology,
        p.baseline_start,
        p.baseline_finish,
        coalesce(p.budget, r.first_budget) as baseline_budget,
        coalesce(r.final_actual_cost, r.last_budget) as final_cost,
        coalesce(p.actual_finish, r.last_forecast_finish, r.last_baseline_finish) as final_finish,
        coalesce(last_day(p.actual_finish), last_day(o.last_period + interval 1 month)) as known_from
    from stg_projects as p
    inner join returned as r on p.project_id = r.project_id
    inner join on_portfolio as o on p.project_id = o.project_id
    where p.state = 'Closed'
)

select
    *,
    final_cost / baseline_budget as cost_outcome,
    date_diff('day', baseline_start, final_finish) / date_diff('day', baseline_start, baseline_finish)
        as schedule_outcome
from outcomes
where baseline_budget > 0
    and final_cost > 0  -- a whole-life cost of 0 at the end: scrapped, not delivered
    and final_finish is not null
    and baseline_start < baseline_finish;

-- project_forecasts: one row per project and period in which it is active and not yet finished, with a
-- budget at baseline and a baseline (start before finish). Its reference class is the projects known
-- closed by the period (reference_outcomes), the narrowest of these with at least reference_class_min
-- of them: its department, methodology and size band; its department and methodology; its department;
-- the whole portfolio. Size bands are the thirds of the closed projects' budgets at baseline by then
-- (Small below the first third, Large from the second). P50 and P80 are the class's percentiles
-- (linear between outcomes) of cost and schedule outcome applied to the project's baseline:
-- cost = budget at baseline x percentile, never below the actual cost to date nor, once re-baselined
-- upwards, the budget in force; finish = baseline start +
-- percentile x planned duration, never before the period's end. No class when even the portfolio has
-- fewer: forecast left empty, with the number closed (history_size).
create table project_forecasts as
with edges as (
    select
        pe.period,
        quantile_cont(o.baseline_budget, 1 / 3) as small_below,
        quantile_cont(o.baseline_budget, 2 / 3) as large_from
    from periods as pe
    inner join reference_outcomes as o on o.known_from <= pe.period
    group by pe.period
),

banded as (
    select
        o.*,
        e.period,
        case
            when o.baseline_budget < e.small_below then 'Small'
            when o.baseline_budget >= e.large_from then 'Large'
            else 'Medium'
        end as size_band
    from reference_outcomes as o
    inner join edges as e on o.known_from <= e.period
),

class_figures as (
    select
        period,
        department_id,
        methodology,
        size_band,
        3 - grouping(department_id) - grouping(methodology) - grouping(size_band) as level,
        count(*) as class_size,
        quantile_cont(cost_outcome, 0.5) as cost_p50,
        quantile_cont(cost_outcome, 0.8) as cost_p80,
        quantile_cont(schedule_outcome, 0.5) as schedule_p50,
        quantile_cont(schedule_outcome, 0.8) as schedule_p80
    from banded
    group by grouping sets (
        (period, department_id, methodology, size_band),
        (period, department_id, methodology),
        (period, department_id),
        (period)
    )
),

-- Each class's figures as one value, for the choice below.
classes as (
    select
        *,
        {
            'level': level,
            'class_size': class_size,
            'cost_p50': cost_p50,
            'cost_p80': cost_p80,
            'schedule_p50': schedule_p50,
            'schedule_p80': schedule_p80
        } as stats
    from class_figures
),

targets as (
    select
        p.project_id,
        p.period,
        p.department_id,
        coalesce(p.methodology, 'not stated') as methodology,
        p.baseline_start,
        p.baseline_finish,
        coalesce(p.project_budget, r.first_budget) as baseline_budget,
        coalesce(p.budget, p.project_budget, r.first_budget) as budget,
        p.actual_cost,
        case
            when coalesce(p.project_budget, r.first_budget) < e.small_below then 'Small'
            when coalesce(p.project_budget, r.first_budget) >= e.large_from then 'Large'
            else 'Medium'
        end as size_band,
        coalesce(portfolio.class_size, 0) as history_size
    from project_periods as p
    left join (
        select project_id, arg_min(budget, as_of) filter (where budget is not null) as first_budget
        from stg_status_reports
        group by project_id
    ) as r on p.project_id = r.project_id
    left join edges as e on p.period = e.period
    left join class_figures as portfolio on p.period = portfolio.period and portfolio.level = 0
    where p.is_active
        and (p.actual_finish is null or p.actual_finish > p.period)
        and coalesce(p.project_budget, r.first_budget) > 0
        and p.baseline_start < p.baseline_finish
),

-- The narrowest class with enough projects: each level joined on its own keys, the first that holds.
matched as (
    select
        t.*,
        case
            when c3.class_size >= b.reference_class_min then c3.stats
            when c2.class_size >= b.reference_class_min then c2.stats
            when c1.class_size >= b.reference_class_min then c1.stats
            when c0.class_size >= b.reference_class_min then c0.stats
        end as chosen
    from targets as t
    cross join build_settings as b
    left join classes as c3
        on c3.level = 3
        and t.period = c3.period
        and t.department_id = c3.department_id
        and t.methodology = c3.methodology
        and t.size_band = c3.size_band
    left join classes as c2
        on c2.level = 2
        and t.period = c2.period
        and t.department_id = c2.department_id
        and t.methodology = c2.methodology
    left join classes as c1
        on c1.level = 1 and t.period = c1.period and t.department_id = c1.department_id
    left join classes as c0
        on c0.level = 0 and t.period = c0.period
),

-- What is already known of the final cost: the actual cost to date and, once re-baselined upwards, the
-- budget in force (its growth beyond the baseline has happened).
unpacked as (
    select
        * exclude (chosen),
        unnest(chosen),
        greatest(
            coalesce(actual_cost, 0), case when budget > baseline_budget then budget else 0 end
        ) as known_floor
    from matched
)

select
    m.project_id,
    m.period,
    m.baseline_budget,
    m.budget,
    m.size_band,
    m.level as class_level,
    case m.level
        -- A methodology the returns do not state (the oversight level) is not named.
        when 3 then concat_ws(' · ', d.name, nullif(m.methodology, 'not stated'), m.size_band)
        when 2 then concat_ws(' · ', d.name, nullif(m.methodology, 'not stated'))
        when 1 then d.name
        when 0 then 'the whole portfolio'
    end as class_name,
    m.class_size,
    m.history_size,
    m.cost_p50,
    m.cost_p80,
    m.schedule_p50,
    m.schedule_p80,
    -- greatest() passes over a null: a project with no class has no forecast, never its actual cost.
    case when m.level is not null then greatest(m.baseline_budget * m.cost_p50, m.known_floor) end as p50_cost,
    case when m.level is not null then greatest(m.baseline_budget * m.cost_p80, m.known_floor) end as p80_cost,
    case when m.level is not null then greatest(
        m.baseline_start + to_days(round(m.schedule_p50 * date_diff('day', m.baseline_start, m.baseline_finish))::bigint),
        m.period
    )::date end as p50_finish,
    case when m.level is not null then greatest(
        m.baseline_start + to_days(round(m.schedule_p80 * date_diff('day', m.baseline_start, m.baseline_finish))::bigint),
        m.period
    )::date end as p80_finish
from unpacked as m
left join stg_departments as d on m.department_id = d.department_id;

-- warning_features: one row per project and period in which it is active, not finished, and Green or
-- Amber on evidence: the leading indicators of the early warning, each known at the period from the
-- returns and reviews dated by then (lag only, never lead), and, apart, the outcome it is trained on.
--   spi_t, cpi and their change since the period before; spi_t_fell_twice (SPI(t) below the period
--   before's, which was below the one before that: the simple rule it is compared with);
--   risk_exposure (open risks' likelihood x impact, summed, as last reviewed) and its change;
--   not_fresh (no return within the cadence window: late or missing); satisfaction and its change;
--   pending_changes (change requests raised by then and not decided by then); rosier (how many steps
--   the reported RAG is better than the evidence, 0 to 2); amber (Amber on evidence now).
--   turned_red: Red on evidence in any of the next three periods (null until the third has passed).
create table warning_features as
with exposure as (
    select project_id, period, sum(exposure) as risk_exposure
    from risk_periods
    group by project_id, period
),

pending as (
    select p.project_id, p.period, count(c.change_id) as pending_changes
    from project_periods as p
    inner join stg_change_requests as c
        on p.project_id = c.project_id
        and c.raised_on <= p.period
        and (c.decision = 'Pending' or c.decided_on > p.period)
    group by p.project_id, p.period
),

series as (
    select
        p.project_id,
        p.department_id,
        p.period,
        p.is_active and (p.actual_finish is null or p.actual_finish > p.period) as open,
        p.evidence_rag,
        es.spi_t,
        p.cpi,
        coalesce(x.risk_exposure, 0) as risk_exposure,
        p.report_period is not null and not p.reported_this_period as not_fresh,
        p.stakeholder_satisfaction::double as satisfaction,
        coalesce(c.pending_changes, 0) as pending_changes,
        greatest(
            0,
            case p.evidence_rag when 'Green' then 0 when 'Amber' then 1 when 'Red' then 2 end
            - case p.reported_rag when 'Green' then 0 when 'Amber' then 1 when 'Red' then 2 end
        ) as rosier
    from project_periods as p
    left join earned_schedule as es on p.project_id = es.project_id and p.period = es.period
    left join exposure as x on p.project_id = x.project_id and p.period = x.period
    left join pending as c on p.project_id = c.project_id and p.period = c.period
),

lagged as (
    select
        *,
        lag(spi_t) over w as spi_t_before,
        lag(spi_t, 2) over w as spi_t_two_before,
        lag(cpi) over w as cpi_before,
        lag(risk_exposure) over w as risk_exposure_before,
        lag(satisfaction) over w as satisfaction_before
    from series
    window w as (partition by project_id order by period)
),

-- Red in one of the next three periods: a project's periods are consecutive months, so the next three
-- rows (fewer once it ends).
outcomes as (
    select
        project_id,
        period,
        bool_or(evidence_rag = 'Red') over (
            partition by project_id order by period rows between 1 following and 3 following
        ) as red_later
    from series
)

select
    l.project_id,
    l.department_id,
    l.period,
    l.spi_t,
    l.spi_t - l.spi_t_before as spi_t_change,
    coalesce(l.spi_t < l.spi_t_before and l.spi_t_before < l.spi_t_two_before, false) as spi_t_fell_twice,
    l.cpi,
    l.cpi - l.cpi_before as cpi_change,
    l.risk_exposure,
    l.risk_exposure - coalesce(l.risk_exposure_before, l.risk_exposure) as risk_exposure_change,
    l.not_fresh,
    l.satisfaction,
    l.satisfaction - l.satisfaction_before as satisfaction_change,
    l.pending_changes,
    l.rosier,
    l.evidence_rag = 'Amber' as amber,
    -- The outcome is known once the third period after has passed; before that it is null.
    case
        when last_day(l.period + interval 3 month) <= (select max(period) from periods)
            then coalesce(o.red_later, false)
    end as turned_red
from lagged as l
left join outcomes as o on l.project_id = o.project_id and l.period = o.period
where l.open
    and l.evidence_rag in ('Green', 'Amber');
