-- pir_status: per department within the filters, its projects closed by the period's end and their
-- post-implementation reviews: held by then, overdue (due pir_due_months after closing, passed, not
-- held) and not yet due.
with reviews as (
    select * from pir_reviews($scope, $programme, $objective, $as_of)
)

select
    r.department_id,
    d.name as department,
    count(*) as closed,
    count(*) filter (where r.status = 'held') as held,
    count(*) filter (where r.status = 'overdue') as overdue,
    count(*) filter (where r.status = 'not yet due') as not_yet_due,
    count(*) filter (where r.status = 'held' and r.held_on > r.due_on) as held_late,
    avg(r.benefits_realisation) as benefits_realisation,
    count(*) filter (where r.status = 'held' and r.lessons_after > 0) as with_lessons
from reviews as r
inner join stg_departments as d on r.department_id = d.department_id
group by r.department_id, d.name
order by overdue desc, d.name;
