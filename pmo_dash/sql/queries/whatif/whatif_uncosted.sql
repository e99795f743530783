-- whatif_uncosted: one row per project within the filters that a portfolio review could fund at the
-- as-of period (as whatif_candidates.sql) but cannot cost: no EAC and no budget (withheld, or not
-- given), so it is left out of the what-if, and the page says so.
with latest as (
    select *
    from scoped_projects($scope, $programme, $objective)
    where period <= $as_of
    qualify row_number() over (partition by project_id order by period desc) = 1
)

select p.project_id, p.name as project, d.name as department, p.budget_withheld
from latest as p
inner join stg_departments as d on p.department_id = d.department_id
where p.state in ('Active', 'On hold')
    and p.actual_finish is null
    and coalesce(p.eac, p.budget) is null
order by p.project_id;
