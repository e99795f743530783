-- project_lessons: one row per lesson the project had logged by $as_of.
select l.lesson_id, l.logged_on, l.category, l.title, l.effect, l.state, l.recommendation
from stg_lessons as l
inner join stg_projects as p on l.project_id = p.project_id
where l.project_id = $project
    and l.logged_on <= $as_of
    and list_contains($scope, p.department_id)
order by l.logged_on desc, l.lesson_id;
