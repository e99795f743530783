-- Planning (issue 19; README "Measures"): the dependencies between projects as they stood in each
-- period, the ones broken (the predecessor finishing after the waiting project needs it), and the
-- knock-on slip a late project passes down its chains.

-- dependency_edges: one row per open dependency per period in which the project that waits is active
-- on the portfolio and not yet finished. It is needed by its needed_by date; else by the waiting
-- milestone's forecast (else baseline) date; else, finish-to-start, by the waiting project's baseline
-- start, delivers-to by its forecast finish then (else its current baseline finish). The predecessor
-- delivers at its milestone (achieved by then: the date achieved; else its forecast, else baseline)
-- or at its finish: its forecast finish then (the actual once finished; else its current baseline
-- finish), or, in a period it is not on the portfolio, the projects return's finish. A predecessor no
-- return names delivers at no known date: it is neither broken nor met.
create table dependency_edges as
with open_dependencies as (
    select *
    from stg_dependencies
    where state = 'Open'
),

waiting as (
    select
        d.dependency_id,
        d.predecessor_project_id,
        d.predecessor_milestone_id,
        d.type,
        d.criticality,
        s.period,
        s.project_id,
        s.department_id,
        s.programme_id,
        coalesce(
            d.needed_by,
            m.forecast_date,
            m.baseline_date,
            case
                when d.type = 'Finish-to-start' then s.baseline_start
                else coalesce(s.forecast_finish_then, s.current_baseline_finish)
            end
        ) as needed_on
    from open_dependencies as d
    inner join project_periods as s on d.project_id = s.project_id
    left join stg_milestones as m on d.milestone_id = m.milestone_id
    where s.is_active
        and (s.actual_finish is null or s.actual_finish > s.period)
),

final as (
    select
        w.*,
        p.department_id as predecessor_department_id,
        p.programme_id as predecessor_programme_id,
        p.name as predecessor_name,
        case
            when w.predecessor_milestone_id is not null then
                case
                    when pm.actual_date <= w.period then pm.actual_date
                    else coalesce(pm.forecast_date, pm.baseline_date)
                end
            else coalesce(
                pp.forecast_finish_then,
                pp.current_baseline_finish,
                p.actual_finish,
                p.forecast_finish,
                p.baseline_finish
            )
        end as predecessor_finish
    from waiting as w
    left join stg_projects as p on w.predecessor_project_id = p.project_id
    left join project_periods as pp on w.predecessor_project_id = pp.project_id and w.period = pp.period
    left join stg_milestones as pm
        on w.predecessor_milestone_id = pm.milestone_id and w.predecessor_project_id = pm.project_id
)

select
    *,
    -- greatest() skips nulls: a predecessor of no known date has no delay, not a delay of 0.
    case when predecessor_finish is not null then greatest(0, date_diff('day', needed_on, predecessor_finish)) end
        as own_delay_days
from final;

-- knock_on_chains: every chain of broken dependencies in a period, from a predecessor late on its own
-- forecast (the origin) down to each project it delays: a project delayed d days moves its finish and
-- its milestones d days, which may break its own successors' dependencies. (The waiting project's
-- forecast is taken not to allow for the delay yet.) Chains stop at 20 links and never loop.
create table knock_on_chains as
with recursive chains(period, origin_id, project_id, delay_days, links, path) as (
    select period, predecessor_project_id, project_id, own_delay_days, 1, [predecessor_project_id, project_id]
    from dependency_edges
    where own_delay_days > 0
    union all
    select
        e.period,
        c.origin_id,
        e.project_id,
        greatest(0, date_diff('day', e.needed_on, e.predecessor_finish + to_days(c.delay_days::int))),
        c.links + 1,
        list_append(c.path, e.project_id)
    from chains as c
    inner join dependency_edges as e on c.period = e.period and c.project_id = e.predecessor_project_id
    where c.links < 20
        and not list_contains(c.path, e.project_id)
        and date_diff('day', e.needed_on, e.predecessor_finish + to_days(c.delay_days::int)) > 0
)

select period, origin_id, project_id, max(delay_days) as delay_days, min(links) as links
from chains
group by all;

-- dependency_periods: one row per open dependency per period (dependency_edges), with the knock-on
-- delay the predecessor carries from its own predecessors and the delay the dependency passes on:
-- broken when the predecessor, so delayed, finishes after the project that waits needs it.
create table dependency_periods as
with carried as (
    select period, project_id, max(delay_days) as carried_days
    from knock_on_chains
    group by all
),

final as (
    select
        e.*,
        coalesce(c.carried_days, 0) as predecessor_knock_on_days,
        case when e.predecessor_finish is not null then greatest(
            0,
            date_diff('day', e.needed_on, e.predecessor_finish + to_days(coalesce(c.carried_days, 0)::int))
        ) end as delay_days
    from dependency_edges as e
    left join carried as c on e.period = c.period and e.predecessor_project_id = c.project_id
)

select
    *,
    coalesce(delay_days > 0, false) as is_broken,
    coalesce(delay_days > 0 and own_delay_days = 0, false) as broken_by_knock_on,
    date_diff('day', predecessor_finish, needed_on) as slack_days
from final;

-- knock_on_periods: one row per project per period it is delayed by a broken dependency: the knock-on
-- slip (the longest delay any chain passes to it) and the project at the head of that chain.
create table knock_on_periods as
select
    period,
    project_id,
    max(delay_days) as knock_on_days,
    arg_max(origin_id, delay_days) as origin_id
from knock_on_chains
group by all;

-- slip_origins: one row per project per period whose own lateness delays others down its chains: how
-- many projects it delays (and in other departments), and the longest delay it passes on.
create table slip_origins as
select
    c.period,
    c.origin_id as project_id,
    count(distinct c.project_id) as projects_delayed,
    count(distinct c.project_id) filter (where s.department_id <> o.department_id) as other_departments_delayed,
    max(c.delay_days) as longest_delay_days
from knock_on_chains as c
inner join stg_projects as o on c.origin_id = o.project_id
inner join stg_projects as s on c.project_id = s.project_id
group by all;

drop table dependency_edges;
drop table knock_on_chains;

-- proposal_returns: one row per proposed initiative, with its return on investment (README "Measures"):
-- the benefit over its life and discounted at discount_rate (a year's benefit at the end of each year
-- from the first), the net present value (less the cost, spent up front), the benefit/cost ratio (the
-- discounted benefit over the cost), the simple payback (cost / a year's benefit, in years; none when
-- the benefit never repays the cost within its years) and the ROI ((lifetime benefit - cost) / cost).
-- For the what-if: the risk rating as an exposure (Low 4, Medium 9, High 16: likelihood x impact 2 x 2,
-- 3 x 3, 4 x 4) and a finish: the month its resource demand ends, else a year after the requested start.
create table proposal_returns as
with discounted as (
    select
        p.*,
        p.annual_benefit * p.benefit_years as lifetime_benefit,
        case
            when b.discount_rate = 0 then p.annual_benefit * p.benefit_years
            else p.annual_benefit * (1 - pow(1 + b.discount_rate, -p.benefit_years)) / b.discount_rate
        end as discounted_benefit
    from stg_proposals as p
    cross join build_settings as b
),

demand_ends as (
    select proposal_id, last_day(max(month)) as demand_ends
    from stg_proposal_demand
    group by proposal_id
)

select
    d.*,
    d.discounted_benefit - d.estimated_cost as npv,
    d.discounted_benefit / nullif(d.estimated_cost, 0) as benefit_cost_ratio,
    case
        when d.annual_benefit > 0 and d.estimated_cost / d.annual_benefit <= d.benefit_years
            then d.estimated_cost / d.annual_benefit
    end as payback_years,
    (d.lifetime_benefit - d.estimated_cost) / nullif(d.estimated_cost, 0) as roi,
    case d.risk_rating when 'Low' then 4 when 'Medium' then 9 else 16 end as risk_exposure,
    coalesce(e.demand_ends, (d.requested_start + interval 1 year)::date) as finish
from discounted as d
left join demand_ends as e on d.proposal_id = e.proposal_id;
