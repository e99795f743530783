-- risk_movement: one row per likelihood x impact cell with any movement between the reviews
-- as they stood at $since and at $as_of (risk_moves, marts/risks.sql), within the filters: risks
-- that moved into the cell (new ones included) and risks that moved out of it (closed ones included).
with moves as (
    select m.*
    from risk_moves($since, $as_of) as m
    inner join scoped_project_list($scope, $programme, $objective) as p on m.project_id = p.project_id
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
