-- satisfaction_by_department: per department within the filters, the mean stakeholder satisfaction
-- (1-5) of its active projects' returns in force at the period's end and at the period before, and
-- how many scores each mean is of.
with scores as (
    select
        p.department_id,
        p.period,
        avg(p.stakeholder_satisfaction) as satisfaction,
        count(p.stakeholder_satisfaction) as scores
    from scoped_projects($scope, $programme, $objective) as p
    where p.is_active
        and p.period in ($as_of, (select max(period) from periods where period < $as_of))
    group by p.department_id, p.period
)

select
    d.department_id,
    d.name as department,
    n.satisfaction,
    n.scores,
    b.satisfaction as satisfaction_before,
    n.satisfaction - b.satisfaction as change
from scores as n
inner join stg_departments as d on n.department_id = d.department_id
left join scores as b on n.department_id = b.department_id and b.period < $as_of
where n.period = $as_of and n.scores > 0
order by n.satisfaction, d.name;
