-- lesson_themes: one row per recurring theme in the lessons logged by $as_of on projects within
-- the filters: a category or a keyword (from titles and what happened) that lessons of at least
-- $min_departments departments share.
with lessons as (
    select l.*, p.department_id
    from stg_lessons as l
    inner join scoped_project_list($scope, $programme, $objective) as p on l.project_id = p.project_id
    where l.logged_on <= $as_of
),

themes as (
    select 'category' as kind, category as theme, department_id, lesson_id from lessons
    union all
    select 'keyword', unnest(keywords(title || ' ' || what_happened)), department_id, lesson_id from lessons
)

select
    kind,
    theme,
    count(distinct department_id) as departments,
    count(distinct lesson_id) as lessons
from themes
group by kind, theme
having count(distinct department_id) >= $min_departments
order by kind, departments desc, lessons desc, theme;
