-- rag_mix: one row per department per basis (evidence, reported) per RAG, counting the projects
-- active in the period within the filters; a project without any return is 'Not reported'. The
-- reported basis is the rating as reported: five-point where the return gave a delivery confidence.
with active as (
    select department_id, evidence_rag, reported_rating as reported_rag
    from scoped_projects($scope, $programme, $objective)
    where period = $as_of
        and is_active
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
