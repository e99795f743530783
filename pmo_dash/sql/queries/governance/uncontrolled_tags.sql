-- uncontrolled_tags: projects on the portfolio in the period within the filters tagged with a
-- framework (compliance_tags, ';'-separated) for which they return no control.
with tags as (
    select
        p.project_id,
        p.name as project,
        p.department_id,
        trim(unnest(string_split(p.compliance_tags, ';'))) as framework
    from scoped_projects($scope, $programme, $objective) as p
    where p.period = $as_of and p.compliance_tags is not null
)

select t.project_id, t.project, t.department_id, d.name as department, t.framework
from tags as t
inner join stg_departments as d on t.department_id = d.department_id
where t.framework <> ''
    and not exists (
        select 1 from stg_compliance_controls as c
        where c.project_id = t.project_id and lower(c.framework) = lower(t.framework)
    )
order by d.name, t.project_id, t.framework;
