-- whatif_demand: one row per project, role and month after the as-of period: the resource plans of
-- the projects a review could fund (active or on hold, within the filters).
select m.project_id, m.role, m.month, m.demand_fte
from stg_demand as m
inner join scoped_project_list($scope, $programme, $objective) as p on m.project_id = p.project_id
where m.month > $as_of
    and p.state in ('Active', 'On hold')
    and p.actual_finish is null
order by m.project_id, m.role, m.month;
