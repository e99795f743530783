-- lesson_themes: one row per recurring theme in the lessons logged by $as_of on projects within
-- the filters: a category, or a term (a keyword or two-word phrase of the title and what happened,
-- filler left out: macros/text.sql) that lessons of at least $min_departments departments share.
-- A keyword is left out where a phrase holding it recurs in exactly the same lessons ("migration"
-- beside "data migration"): the phrase says it better.
with lessons as (
    select l.*, p.department_id
    from stg_lessons as l
    inner join scoped_project_list($scope, $programme, $objective) as p on l.project_id = p.project_id
    where l.logged_on <= $as_of
),

themes as (
    select 'category' as kind, category as theme, department_id, lesson_id from lessons
    union all
    select 'term', unnest(terms(title || '. ' || what_happened)), department_id, lesson_id from lessons
),

counted as (
    select kind, theme, count(distinct department_id) as departments, count(distinct lesson_id) as lessons
    from themes
    group by kind, theme
    having count(distinct department_id) >= $min_departments
)

select c.kind, c.theme, c.departments, c.lessons
from counted as c
where not exists (
    select 1
    from counted as phrase
    where c.kind = 'term'
        and phrase.kind = 'term'
        and not contains(c.theme, ' ')
        and contains(phrase.theme, ' ')
        and list_contains(string_split(phrase.theme, ' '), c.theme)
        and phrase.lessons = c.lessons
)
order by c.kind, c.departments desc, c.lessons desc, c.kind = 'term' and contains(c.theme, ' ') desc, c.theme;
