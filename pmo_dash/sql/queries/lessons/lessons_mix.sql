-- lessons_mix: one row per category per effect: lessons logged by $as_of on projects within the filters.
select l.category, l.effect, count(*) as lessons
from stg_lessons as l
inner join scoped_project_list($scope, $programme, $objective) as p on l.project_id = p.project_id
where l.logged_on <= $as_of
group by all
order by l.category, l.effect;
