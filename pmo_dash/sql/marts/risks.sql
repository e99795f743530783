-- risk_periods: one row per risk per reporting period in which it was open.
-- Likelihood and impact are those of the latest review on or before the period end, so a
-- heat map "as of" a past period shows the risk as it was assessed then; a risk with no
-- review yet is shown as currently assessed. A risk closed without a closed_on date is
-- taken as open until its last review.
create table risk_periods as
with risks as (
    select
        r.*,
        coalesce(
            r.closed_on,
            case when r.state <> 'Open' then (
                select max(v.reviewed_on) from stg_risk_reviews as v where v.risk_id = r.risk_id
            ) end
        ) as open_until
    from stg_risks as r
),

spans as (
    select
        r.risk_id,
        r.project_id,
        p.period,
        r.likelihood as current_likelihood,
        r.impact as current_impact
    from risks as r
    inner join periods as p
        on r.raised_on <= p.period
        and (r.open_until is null or r.open_until > p.period)
        and (r.state = 'Open' or r.open_until is not null)
),

assessed as (
    select
        s.risk_id,
        s.project_id,
        s.period,
        coalesce(v.likelihood, s.current_likelihood) as likelihood,
        coalesce(v.impact, s.current_impact) as impact
    from spans as s
    asof left join stg_risk_reviews as v
        on s.risk_id = v.risk_id
        and s.period >= v.reviewed_on
),

final as (
    select
        a.*,
        p.department_id,
        p.programme_id,
        p.objective_id,
        exposure(a.likelihood, a.impact) as exposure,
        exposure(a.likelihood, a.impact) >= b.high_risk_exposure as is_high
    from assessed as a
    inner join stg_projects as p on a.project_id = p.project_id
    cross join build_settings as b
)

select * from final;

-- risk_moves(since, as_of): one row per risk that moved between the reviews as they stood at `since`
-- and at `as_of`: its cell then and now, a risk raised since moving in from nowhere (no cell then),
-- one closed since moving out to nowhere (no cell now). The one definition of a move: the heat map's
-- movement counts them per cell, and a cell lists its own. Queries scope it by its project.
create macro risk_moves(since, as_of) as table
    select
        coalesce(a.risk_id, b.risk_id) as risk_id,
        coalesce(a.project_id, b.project_id) as project_id,
        coalesce(a.department_id, b.department_id) as department_id,
        b.likelihood as from_likelihood,
        b.impact as from_impact,
        a.likelihood as to_likelihood,
        a.impact as to_impact
    from (select * from risk_periods where period = as_of) as a
    full outer join (select * from risk_periods where period = since) as b on a.risk_id = b.risk_id
    where a.likelihood is distinct from b.likelihood or a.impact is distinct from b.impact;
