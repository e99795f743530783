-- active_projects: one row per project of the department that is active in the period, as the portfolio mart judges
-- it (project_periods.is_active), at the latest period the warehouse holds on or before $period_end:
-- the projects whose status the department's return for the period must give.
with standing as (
    select max(period) as period from periods where period <= $period_end
)

select project_id
from project_periods
where department_id = $department
    and is_active
    and period = (select period from standing)
order by project_id
