-- roadmap_projects: one row per project on the portfolio in the period within the filters (and, when
-- $group is given, within that department, programme or strategic objective, as $group_by says), the
-- earliest start first: its bars (baseline start to current baseline finish; to the forecast finish
-- then), its RAG (on the evidence, else as reported), and the knock-on slip its dependencies pass to it.
with rows as (
    select
        p.project_id,
        p.name as project,
        p.department_id,
        d.name as department,
        p.programme_id,
        g.name as programme,
        p.objective_id,
        o.name as objective,
        p.state,
        p.is_active,
        -- An oversight return may give no start: the bar then starts where the project came on the portfolio.
        coalesce(p.baseline_start, p.first_period) as start_on,
        p.baseline_start is null as start_unknown,
        p.baseline_finish as original_finish,
        p.current_baseline_finish as baseline_finish,
        coalesce(p.forecast_finish_then, p.current_baseline_finish) as forecast_finish,
        p.forecast_finish_then is null as forecast_unknown,
        p.actual_finish,
        p.slip_days,
        p.evidence_rag,
        -- Coloured on the evidence; a return that carries none (an oversight one) by its reported rating.
        coalesce(p.evidence_rag, p.reported_rag) as rag,
        p.evidence_rag is null and p.reported_rag is not null as rag_reported,
        p.evidence,
        p.reported_rating,
        k.knock_on_days,
        case $group_by
            when 'programme' then p.programme_id
            when 'objective' then p.objective_id
            else p.department_id
        end as group_id
    from scoped_projects($scope, $programme, $objective) as p
    inner join stg_departments as d on p.department_id = d.department_id
    left join stg_programmes as g on p.programme_id = g.programme_id
    left join stg_strategic_objectives as o on p.objective_id = o.objective_id
    left join knock_on_periods as k on p.project_id = k.project_id and p.period = k.period
    where p.period = $as_of
        and p.current_baseline_finish is not null
)

select *
from rows
where $group is null or group_id is not distinct from nullif($group, '')
order by start_on, project_id;
