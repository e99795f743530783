-- rag_mix: one row per department in scope per RAG (evidence and reported side by side),
-- counting the projects active in the period; a project without any return is 'Not reported'.
with active as (
    select department_id, evidence_rag, reported_rag
    from project_periods
    where period = $as_of
        and is_active
        and list_contains($scope, department_id)
),

counted as (
    select department_id, 'Evidence' as basis, coalesce(evidence_rag, 'Not reported') as rag, count(*) as projects
    from active
    group by all
    union all
    select department_id, 'Reported' as basis, coalesce(reported_rag, 'Not reported') as rag, count(*) as projects
    from active
    group by all
)

select c.department_id, d.name as department, c.basis, c.rag, c.projects
from counted as c
inner join stg_departments as d on c.department_id = d.department_id
order by c.department_id, c.basis, c.rag;
