-- project_lesson_matches: up to 10 lessons from other projects in scope, logged by $as_of, that
-- speak to this project's risks open then: a lesson scores 2 when its category names the risk's
-- category (Supplier -> Supplier management) and 1 for each keyword its title or story shares
-- with the risk's title; the best match per lesson is kept, strongest first.
with risks as (
    select r.risk_id, r.title, lower(r.category) as category, keywords(r.title) as words
    from scoped_risks($scope, null, null) as rp
    inner join stg_risks as r on rp.risk_id = r.risk_id
    where rp.project_id = $project
        and rp.period = $as_of
),

lessons as (
    select l.*, p.name as project, d.name as department, keywords(l.title || ' ' || l.what_happened) as words
    from stg_lessons as l
    inner join stg_projects as p on l.project_id = p.project_id
    inner join stg_departments as d on p.department_id = d.department_id
    where list_contains($scope, p.department_id)
        and l.project_id <> $project
        and l.logged_on <= $as_of
),

scored as (
    select
        l.lesson_id,
        l.title,
        l.project,
        l.department,
        l.category,
        l.effect,
        l.recommendation,
        r.title as risk,
        list_intersect(l.words, r.words) as shared,
        (case when contains(lower(l.category), r.category) then 2 else 0 end)
            + len(list_intersect(l.words, r.words)) as score
    from lessons as l
    cross join risks as r
)

select * exclude (shared), array_to_string(list_sort(shared), ', ') as shared_words
from scored
where score > 0
qualify row_number() over (partition by lesson_id order by score desc, risk) = 1
order by score desc, lesson_id
limit 10;
