-- The data-quality scorecard of each department PMO (issue 13, part 6; README "Measures").

-- quality_scorecard(scope, as_of): one row per department in scope per period (the 12 up to as_of,
-- for the trend), each judged on the 12 periods up to it (its window): five components, each a
-- share from 0 to 1 where 1 is best, and the 0-100 score weighting them (weights and RAG bands
-- from the build's settings). A component with nothing to measure is null and drops out of the
-- score, whose weights then re-normalise.
--   timeliness    on time / due: over the reporting calendar the build wrote (reporting_calendar, the
--                 months anyone reported) in the window, the department's returns that were due: those
--                 submitted through the app (on time when the first version was), and those missing
--                 in a month the department had an active project. A month loaded from the base
--                 returns (no submission time) or not yet due is not counted.
--   completeness  filled cells / cells of the optional fields below, in the department's accepted
--                 rows: its status returns for a period in the window, and its projects on the
--                 portfolio (a project-period) in the window. Only the optional fields whose empty
--                 value means "not stated": projects' sponsor, project_manager, objective_id,
--                 expected_benefit, mandatory; status returns' scope_rag, resource_rag,
--                 forecast_finish, stakeholder_satisfaction, summary. (Left out, because empty
--                 means something: programme_id, a standalone project; actual_finish, not yet
--                 delivered; compliance_tags, none in scope; delivery_confidence, overall_rag given
--                 instead; a return's budget and baseline_finish, the project's.)
--   validity      1 - rejected / rows read, over the department's files in this build
--                 (ingest_runs): the same in every period until returns are stored per period.
--   honesty       1 - watermelons / rated: among the department's active project-periods in the
--                 window reported that period (each return judged once), those with both a
--                 reported RAG and an evidence RAG are rated; a watermelon is reported Green, Red
--                 on evidence.
--   freshness     reported / active: the share of the department's active project-periods in the
--                 window whose status was reported for that period, not carried forward (nor
--                 missing).
-- The optional fields completeness counts, named where empty: one definition for the score and for the
-- PMO head's list of rows to fix.
create macro unstated_project_fields(sponsor, project_manager, objective_id, expected_benefit, mandatory) as
    list_filter([
        if(sponsor is null, 'sponsor', null),
        if(project_manager is null, 'project_manager', null),
        if(objective_id is null, 'objective_id', null),
        if(expected_benefit is null, 'expected_benefit', null),
        if(mandatory is null, 'mandatory', null)
    ], lambda f: f is not null);

create macro unstated_return_fields(scope_rag, resource_rag, forecast_finish, stakeholder_satisfaction, summary) as
    list_filter([
        if(scope_rag is null, 'scope_rag', null),
        if(resource_rag is null, 'resource_rag', null),
        if(forecast_finish is null, 'forecast_finish', null),
        if(stakeholder_satisfaction is null, 'stakeholder_satisfaction', null),
        if(summary is null, 'summary', null)
    ], lambda f: f is not null);

create macro quality_scorecard(scope, as_of) as table
    with s as (select * from build_settings),

    months as (
        select period from periods where period <= as_of and period > as_of - interval 12 month
    ),

    -- Each period's window: the 12 periods up to it.
    windows as (
        select m.period, p.period as in_window
        from months as m
        inner join periods as p on p.period <= m.period and p.period > m.period - interval 12 month
    ),

    project_cells as (
        select
            w.period,
            p.department_id,
            5 as cells,
            5 - len(unstated_project_fields(
                p.sponsor, p.project_manager, p.objective_id, p.expected_benefit, p.mandatory
            )) as filled
        from stg_projects as p
        inner join (select distinct w.period, pp.project_id
            from windows as w
            inner join project_periods as pp on w.in_window = pp.period) as w
            on p.project_id = w.project_id
    ),

    return_cells as (
        select
            w.period,
            p.department_id,
            5 as cells,
            5 - len(unstated_return_fields(
                r.scope_rag, r.resource_rag, r.forecast_finish, r.stakeholder_satisfaction, r.summary
            )) as filled
        from stg_status_reports as r
        inner join stg_projects as p on r.project_id = p.project_id
        inner join windows as w on r.period = w.in_window
    ),

    completeness as (
        select period, department_id, sum(filled)::bigint as filled_cells, sum(cells)::bigint as cells
        from (select * from project_cells union all select * from return_cells)
        group by period, department_id
    ),

    timeliness as (
        select
            w.period,
            c.department_id,
            count(*) filter (where c.first_on_time) as on_time,
            count(*) as due_returns
        from windows as w
        inner join reporting_calendar as c on w.in_window = c.period
        where c.first_on_time is not null
            or (c.status = 'missing' and exists (
                select 1 from project_periods as pp
                where pp.department_id = c.department_id and pp.period = c.period and pp.is_active
            ))
        group by w.period, c.department_id
    ),

    validity as (
        select department_folder as department_id, sum(rows_read)::bigint as rows_read, sum(rejected)::bigint as rejected
        from ingest_runs
        where table_name is not null
        group by department_folder
    ),

    delivery as (
        select
            w.period,
            pp.department_id,
            count(*) as active,
            count(*) filter (where pp.reported_this_period) as reported,
            count(*) filter (
                where pp.reported_this_period and pp.reported_rag is not null and pp.evidence_rag is not null
            ) as rated,
            count(*) filter (where pp.reported_this_period and pp.is_watermelon) as watermelons
        from windows as w
        inner join project_periods as pp on w.in_window = pp.period
        where pp.is_active
        group by w.period, pp.department_id
    ),

    components as (
        select
            d.department_id,
            d.name as department,
            m.period,
            coalesce(c.filled_cells, 0) as filled_cells,
            coalesce(c.cells, 0) as cells,
            coalesce(v.rows_read, 0) as rows_read,
            coalesce(v.rejected, 0) as rejected,
            coalesce(e.rated, 0) as rated,
            coalesce(e.watermelons, 0) as watermelons,
            coalesce(e.active, 0) as active,
            coalesce(e.reported, 0) as reported,
            coalesce(t.on_time, 0) as on_time,
            coalesce(t.due_returns, 0) as due_returns,
            t.on_time / nullif(t.due_returns, 0) as timeliness,
            c.filled_cells / nullif(c.cells, 0) as completeness,
            1 - v.rejected / nullif(v.rows_read, 0) as validity,
            1 - e.watermelons / nullif(e.rated, 0) as honesty,
            e.reported / nullif(e.active, 0) as freshness
        from stg_departments as d
        cross join months as m
        left join completeness as c on d.department_id = c.department_id and m.period = c.period
        left join validity as v on d.department_id = v.department_id
        left join timeliness as t on d.department_id = t.department_id and m.period = t.period
        left join delivery as e on d.department_id = e.department_id and m.period = e.period
        where list_contains(scope, d.department_id)
    ),

    scored as (
        select
            c.*,
            100 * (
                coalesce(s.quality_weight_timeliness * c.timeliness, 0)
                + coalesce(s.quality_weight_completeness * c.completeness, 0)
                + coalesce(s.quality_weight_validity * c.validity, 0)
                + coalesce(s.quality_weight_honesty * c.honesty, 0)
                + coalesce(s.quality_weight_freshness * c.freshness, 0)
            ) / nullif(
                case when c.timeliness is null then 0 else s.quality_weight_timeliness end
                + case when c.completeness is null then 0 else s.quality_weight_completeness end
                + case when c.validity is null then 0 else s.quality_weight_validity end
                + case when c.honesty is null then 0 else s.quality_weight_honesty end
                + case when c.freshness is null then 0 else s.quality_weight_freshness end,
                0
            ) as score,
            s.quality_green,
            s.quality_amber
        from components as c
        cross join s
    )

    select
        * exclude (quality_green, quality_amber),
        case
            when score is null then null
            when score >= quality_green then 'Green'
            when score >= quality_amber then 'Amber'
            else 'Red'
        end as rag
    from scored
    order by department, period;
