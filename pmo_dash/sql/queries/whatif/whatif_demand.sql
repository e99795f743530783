-- whatif_demand: one row per project, role and month after the as-of period: the resource plans of
-- the projects a review could fund (planned_demand: active or on hold, not delivered, within the
-- filters).
select project_id, role, month, demand_fte
from planned_demand($scope, $programme, $objective)
where month > $as_of
order by project_id, role, month;
