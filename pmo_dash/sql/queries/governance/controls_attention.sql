-- controls_attention: controls of the projects on the portfolio in the period within the filters that
-- need attention, each with why: non-compliant; overdue (due before the period's end and not
-- compliant); compliant without evidence; compliant on evidence older than evidence_max_age_days at
-- the period's end. Non-compliant first, then by due date.
with s as (select evidence_max_age_days from build_settings)

select
    c.project_id,
    p.name as project,
    p.department_id,
    d.name as department,
    c.framework,
    c.control,
    c.state,
    c.due_on,
    c.evidenced_on,
    concat_ws(
        '; ',
        case when c.state = 'Non-compliant' then 'non-compliant' end,
        case when c.state <> 'Compliant' and c.due_on < $as_of then 'overdue' end,
        case when c.state = 'Compliant' and c.evidenced_on is null then 'no evidence' end,
        case
            when c.state = 'Compliant' and c.evidenced_on < $as_of - to_days(s.evidence_max_age_days)
                then 'evidence out of date'
        end
    ) as why
from scoped_projects($scope, $programme, $objective) as p
inner join stg_compliance_controls as c on p.project_id = c.project_id
inner join stg_departments as d on p.department_id = d.department_id
cross join s
where p.period = $as_of
    and (
        c.state = 'Non-compliant'
        or (c.state <> 'Compliant' and c.due_on < $as_of)
        or (c.state = 'Compliant' and c.evidenced_on is null)
        or (c.state = 'Compliant' and c.evidenced_on < $as_of - to_days(s.evidence_max_age_days))
    )
order by c.state <> 'Non-compliant', c.due_on nulls last, c.project_id, c.framework, c.control;
