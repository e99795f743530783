-- utilisation: capacity, planned demand of the projects within the filters, utilisation and whether
-- over-allocated (marts/governance.sql), the 12 months from the period's month, per row of the map:
-- $rows = 'department_role' (each department's role), 'department' (its roles together) or 'role'
-- (a role across the departments in scope). A row's department or role is null when summed over.
with s as (select over_allocation from build_settings),

cells as (
    select
        case when $rows = 'role' then null else u.department_id end as department_id,
        case when $rows = 'department' then null else u.role end as role,
        u.month,
        sum(u.capacity_fte) as capacity_fte,
        sum(u.demand_fte) as demand_fte
    from utilisation($scope, $programme, $objective, $as_of) as u
    group by all
)

select
    c.department_id,
    d.name as department,
    c.role,
    c.month,
    c.capacity_fte,
    c.demand_fte,
    utilisation_share(c.demand_fte, c.capacity_fte) as utilisation,
    over_allocated(c.demand_fte, c.capacity_fte, s.over_allocation) as over_allocated
from cells as c
left join stg_departments as d on c.department_id = d.department_id
cross join s
order by d.name nulls first, c.role nulls first, c.month;
