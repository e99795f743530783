-- changed_projects: one row per project within the filters whose evidence RAG in $as_of differs
-- from the one in $since (new projects included, as changed from nothing), worst change first.
with now as (
    select project_id, name, department_id, evidence_rag, reported_rag, evidence
    from scoped_projects($scope, $programme, $objective)
    where period = $as_of
        and is_active
        and evidence_rag is not null
),

before as (
    select project_id, evidence_rag, reported_rag
    from scoped_projects($scope, $programme, $objective)
    where period = $since
)

select
    n.project_id,
    n.name as project,
    d.name as department,
    b.evidence_rag as rag_before,
    n.evidence_rag as rag_now,
    n.evidence_rag = 'Red' and coalesce(b.evidence_rag, '') <> 'Red' as newly_red,
    n.evidence
from now as n
inner join stg_departments as d on n.department_id = d.department_id
left join before as b on n.project_id = b.project_id
where b.evidence_rag is distinct from n.evidence_rag
order by newly_red desc, n.evidence_rag = 'Red' desc, n.project_id;
