-- proposal_demand_by_role: one row per role that the proposals of departments in scope (and of the
-- objective, when one is chosen) ask for in the 12 months after the period: FTE-months and the peak
-- month's FTE, of all the proposals and of those the board had approved to start by then.
with decided as (
    select proposal_id, decision
    from stg_proposal_decisions
    where decided_on <= $as_of
    qualify row_number() over (partition by proposal_id order by decided_on desc) = 1
),

months as (
    select
        m.role,
        m.month,
        sum(m.demand_fte) as demand_fte,
        sum(m.demand_fte) filter (where c.decision = 'Approved') as approved_fte
    from stg_proposal_demand as m
    inner join stg_proposals as p on m.proposal_id = p.proposal_id
    left join decided as c on m.proposal_id = c.proposal_id
    where list_contains($scope, p.department_id)
        and ($objective is null or p.objective_id = $objective)
        and m.month > $as_of
        and m.month <= $as_of + interval 12 month
    group by all
)

select
    role,
    sum(demand_fte) as fte_months,
    max(demand_fte) as peak_fte,
    coalesce(sum(approved_fte), 0) as approved_fte_months,
    coalesce(max(approved_fte), 0) as approved_peak_fte
from months
group by role
order by fte_months desc, role;
