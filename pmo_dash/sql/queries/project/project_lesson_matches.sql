-- project_lesson_matches: up to 10 lessons from other projects in scope, logged by $as_of, that
-- speak to this project's risks open then, one entry per lesson: the same lesson (its title, in
-- any case) logged by several projects is one entry, with how many logged it. A lesson scores 2
-- when its category names the risk's category (Supplier -> Supplier management) and 1 for each
-- term (keyword or two-word phrase, macros/text.sql) its title or story shares with the risk's
-- title; its best-matching risk is kept, with why it matched; strongest first, then the most
-- often logged, then the latest.
with risks as (
    select r.risk_id, r.title, lower(r.category) as category, terms(r.title) as terms
    from scoped_risks($scope, null, null) as rp
    inner join stg_risks as r on rp.risk_id = r.risk_id
    where rp.project_id = $project
        and rp.period = $as_of
),

lessons as (
    select
        l.lesson_id,
        l.project_id,
        l.logged_on,
        l.title,
        l.category,
        l.effect,
        l.recommendation,
        d.name as department,
        lower(trim(l.title)) as lesson_key,
        terms(l.title || '. ' || l.what_happened) as terms
    from stg_lessons as l
    inner join stg_projects as p on l.project_id = p.project_id
    inner join stg_departments as d on p.department_id = d.department_id
    where list_contains($scope, p.department_id)
        and l.project_id <> $project
        and l.logged_on <= $as_of
),

scored as (
    select
        l.*,
        r.title as risk,
        contains(lower(l.category), r.category) as same_category,
        list_sort(list_intersect(l.terms, r.terms)) as shared
    from lessons as l
    cross join risks as r
),

matched as (
    select *, (case when same_category then 2 else 0 end) + len(shared) as score
    from scored
    where same_category or len(shared) > 0
),

logged as (
    select
        lesson_key,
        count(distinct project_id) as projects,
        string_agg(distinct department, ', ' order by department) as departments
    from matched
    group by lesson_key
)

select
    m.lesson_id,
    m.title,
    g.departments as department,
    g.projects,
    m.category,
    m.effect,
    m.recommendation,
    m.risk,
    m.score,
    concat_ws(
        '; ',
        case when m.same_category then 'same category (' || m.category || ')' end,
        case when len(m.shared) > 0 then 'shares ' || array_to_string(m.shared, ', ') end
    ) as why,
    array_to_string(m.shared, ', ') as shared_words
from matched as m
inner join logged as g on m.lesson_key = g.lesson_key
qualify row_number() over (
    partition by m.lesson_key order by m.score desc, m.logged_on desc, m.lesson_id
) = 1
order by m.score desc, g.projects desc, m.logged_on desc, m.lesson_id
limit 10;
