-- lessons_library: one row per lesson logged by $as_of on a project within the filters whose
-- title, what happened, root cause or recommendation contain every word of $words (any case),
-- in one of $categories and $effects (an empty list lets all through), newest first.
with lessons as (
    select
        l.*,
        p.name as project,
        d.name as department,
        lower(concat_ws(' ', l.title, l.what_happened, l.root_cause, l.recommendation)) as haystack
    from stg_lessons as l
    inner join scoped_project_list($scope, $programme, $objective) as p on l.project_id = p.project_id
    inner join stg_departments as d on p.department_id = d.department_id
    where l.logged_on <= $as_of
)

select
    lesson_id,
    project_id,
    project,
    department,
    logged_on,
    category,
    effect,
    state,
    title,
    what_happened,
    root_cause,
    recommendation
from lessons
where len(list_filter($words::varchar[], lambda w: not contains(haystack, lower(w)))) = 0
    and (len($categories::varchar[]) = 0 or list_contains($categories::varchar[], category))
    and (len($effects::varchar[]) = 0 or list_contains($effects::varchar[], effect))
order by logged_on desc, lesson_id;
