-- The lessons domain's measures: lessons-learned health (DESIGN.md section 4).

-- lessons_health(scope, programme, objective, as_of): one row per department per period (the 13
-- up to as_of) for the projects within the filters: the six components of lessons-learned health (DESIGN.md section 4), each
-- a share from 0 to 1, and the 0-100 score weighting them (weights and RAG bands from the
-- build's settings). A component with nothing to measure is null and drops out of the score,
-- whose weights then re-normalise. Lesson states are as returned today: a lesson that was a
-- draft in an earlier period and has since been validated counts as validated.
create macro lessons_health(scope, programme, objective, as_of) as table
    with s as (select * from build_settings),

    months as (
        select period from periods where period <= as_of and period > as_of - interval 13 month
    ),

    projects as (
        select project_id, department_id, actual_finish
        from scoped_project_list(scope, programme, objective)
    ),

    lessons_then as (
        select m.period, p.department_id, l.*
        from months as m
        inner join stg_lessons as l on l.logged_on <= m.period
        inner join projects as p on l.project_id = p.project_id
    ),

    closed as (
        select
            m.period,
            p.department_id,
            p.project_id,
            p.actual_finish,
            (select min(l.logged_on) from lessons_then as l where l.project_id = p.project_id and l.period = m.period)
                as first_lesson
        from months as m
        inner join projects as p on p.actual_finish <= m.period
    ),

    closure as (
        select
            period,
            department_id,
            count(*) as closed_projects,
            count(first_lesson) as covered,
            median(date_diff('day', actual_finish, first_lesson)) as median_days_to_lesson,
            count(*) filter (
                where date_diff('day', actual_finish, first_lesson) <= (select lessons_timely_days from s)
            ) as timely
        from closed
        group by period, department_id
    ),

    quality as (
        select
            period,
            department_id,
            count(*) as lessons,
            count(*) filter (where root_cause is not null and recommendation is not null) as complete,
            count(*) filter (where action_due <= period) as due,
            count(*) filter (where action_due <= period and actioned_on <= period) as actioned,
            count(*) filter (
                where state = 'Draft' and date_diff('day', logged_on, period) > (select lessons_stale_days from s)
            ) as stale,
            count(*) filter (where applied_to is not null) as reused,
            count(*) filter (where effect = 'Positive') as positive,
            count(*) filter (where effect = 'Negative') as negative
        from lessons_then
        group by period, department_id
    ),

    components as (
        select
            d.department_id,
            d.name as department,
            m.period,
            coalesce(c.closed_projects, 0) as closed_projects,
            coalesce(q.lessons, 0) as lessons,
            c.median_days_to_lesson,
            c.covered / nullif(c.closed_projects, 0) as coverage,
            c.timely / nullif(c.covered, 0) as timeliness,
            q.complete / nullif(q.lessons, 0) as completeness,
            q.actioned / nullif(q.due, 0) as follow_through,
            q.stale / nullif(q.lessons, 0) as staleness,
            q.reused / nullif(q.lessons, 0) as reuse,
            coalesce(q.positive, 0) as positive,
            coalesce(q.negative, 0) as negative
        from stg_departments as d
        cross join months as m
        left join closure as c on d.department_id = c.department_id and m.period = c.period
        left join quality as q on d.department_id = q.department_id and m.period = q.period
        where list_contains(scope, d.department_id)
    ),

    scored as (
        select
            c.*,
            100 * (
                coalesce(s.lessons_weight_coverage * c.coverage, 0)
                + coalesce(s.lessons_weight_timeliness * c.timeliness, 0)
                + coalesce(s.lessons_weight_completeness * c.completeness, 0)
                + coalesce(s.lessons_weight_follow_through * c.follow_through, 0)
                + coalesce(s.lessons_weight_staleness * (1 - c.staleness), 0)
                + coalesce(s.lessons_weight_reuse * c.reuse, 0)
            ) / nullif(
                case when c.coverage is null then 0 else s.lessons_weight_coverage end
                + case when c.timeliness is null then 0 else s.lessons_weight_timeliness end
                + case when c.completeness is null then 0 else s.lessons_weight_completeness end
                + case when c.follow_through is null then 0 else s.lessons_weight_follow_through end
                + case when c.staleness is null then 0 else s.lessons_weight_staleness end
                + case when c.reuse is null then 0 else s.lessons_weight_reuse end,
                0
            ) as score,
            s.lessons_health_green,
            s.lessons_health_amber
        from components as c
        cross join s
    )

    select
        * exclude (lessons_health_green, lessons_health_amber),
        case
            when score is null then null
            when score >= lessons_health_green then 'Green'
            when score >= lessons_health_amber then 'Amber'
            else 'Red'
        end as rag
    from scored
    order by department, period;
