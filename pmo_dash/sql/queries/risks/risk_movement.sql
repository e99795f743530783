-- risk_movement: one row per likelihood x impact cell with any movement between the reviews
-- as they stood at $since and at $as_of: risks that moved into the cell (new ones included)
-- and risks that moved out of it (closed ones included).
with before as (
    select risk_id, likelihood, impact
    from scoped_risks($scope, $programme, $objective)
    where period = $since
),

after as (
    select risk_id, likelihood, impact
    from scoped_risks($scope, $programme, $objective)
    where period = $as_of
),

moves as (
    select
        coalesce(a.risk_id, b.risk_id) as risk_id,
        b.likelihood as from_likelihood,
        b.impact as from_impact,
        a.likelihood as to_likelihood,
        a.impact as to_impact
    from after as a
    full outer join before as b on a.risk_id = b.risk_id
    where a.likelihood is distinct from b.likelihood or a.impact is distinct from b.impact
),

cells as (
    select to_likelihood as likelihood, to_impact as impact, 1 as moved_in, 0 as moved_out
    from moves
    where to_likelihood is not null
    union all
    select from_likelihood, from_impact, 0, 1
    from moves
    where from_likelihood is not null
)

select likelihood, impact, sum(moved_in)::bigint as moved_in, sum(moved_out)::bigint as moved_out
from cells
group by likelihood, impact
order by likelihood desc, impact;
