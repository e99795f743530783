-- roadmap_groups: one row per department, programme or strategic objective ($group_by) with projects on
-- the portfolio in the period within the filters (projects of no programme or objective are one group,
-- its id ''): its span (earliest start, latest baseline and forecast finishes), its projects counted by
-- RAG (on the evidence, else as reported), and its broken dependencies; the earliest start first.
with rows as (
    select
        case $group_by
            when 'programme' then coalesce(p.programme_id, '')
            when 'objective' then coalesce(p.objective_id, '')
            else p.department_id
        end as group_id,
        case $group_by
            when 'programme' then coalesce(g.name, 'No programme')
            when 'objective' then coalesce(o.name, 'No strategic objective')
            else d.name
        end as group_name,
        p.project_id,
        coalesce(p.baseline_start, p.first_period) as start_on,
        p.current_baseline_finish as baseline_finish,
        coalesce(p.forecast_finish_then, p.current_baseline_finish) as forecast_finish,
        coalesce(p.evidence_rag, p.reported_rag) as rag,
        p.evidence_rag is null and p.reported_rag is not null as rag_reported
    from scoped_projects($scope, $programme, $objective) as p
    inner join stg_departments as d on p.department_id = d.department_id
    left join stg_programmes as g on p.programme_id = g.programme_id
    left join stg_strategic_objectives as o on p.objective_id = o.objective_id
    where p.period = $as_of
        and p.current_baseline_finish is not null
),

broken as (
    select
        case $group_by
            when 'programme' then coalesce(s.programme_id, '')
            when 'objective' then coalesce(s.objective_id, '')
            else s.department_id
        end as group_id,
        count(*) as broken_dependencies
    from dependency_periods as b
    inner join scoped_projects($scope, $programme, $objective) as s
        on b.project_id = s.project_id and b.period = s.period
    where b.period = $as_of
        and b.is_broken
    group by all
)

select
    r.group_id,
    any_value(r.group_name) as group_name,
    count(*) as projects,
    min(r.start_on) as start_on,
    max(r.baseline_finish) as baseline_finish,
    max(r.forecast_finish) as forecast_finish,
    count(*) filter (where r.rag = 'Red') as red,
    count(*) filter (where r.rag = 'Amber') as amber,
    count(*) filter (where r.rag = 'Green') as green,
    count(*) filter (where r.rag is null) as not_rated,
    count(*) filter (where r.rag_reported) as rated_as_reported,
    coalesce(any_value(b.broken_dependencies), 0) as broken_dependencies
from rows as r
left join broken as b on r.group_id = b.group_id
group by r.group_id
order by start_on, r.group_id;
