-- whatif_demand: one row per project, role and month after the as-of period: the resource plans of
-- the projects a review could fund (planned_demand: active or on hold, not delivered, within the
-- filters), and of the proposals approved to start by then (as whatif_candidates.sql).
with approved as (
    select proposal_id
    from stg_proposal_decisions
    where decided_on <= $as_of
    qualify row_number() over (partition by proposal_id order by decided_on desc) = 1
        and decision = 'Approved'
)

select project_id, role, month, demand_fte
from planned_demand($scope, $programme, $objective)
where month > $as_of
union all
select m.proposal_id, m.role, m.month, m.demand_fte
from stg_proposal_demand as m
inner join approved as a on m.proposal_id = a.proposal_id
inner join stg_proposals as p on m.proposal_id = p.proposal_id
where list_contains($scope, p.department_id)
    and $programme is null
    and ($objective is null or p.objective_id = $objective)
    and m.month > $as_of
order by 1, 2, 3;
