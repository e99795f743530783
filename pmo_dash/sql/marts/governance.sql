-- Governance: what the steering committee must decide, and the resources it shares (issue 15;
-- README "Measures"). Table macros, read through the scope macros like every mart.

-- gates_open(scope, programme, objective, as_of): the stage gates of the projects active in the
-- period within the filters that were not passed by the period's end (and not stopped): each with
-- its planned date and whether it is overdue (planned before the period's end). A Hold or Recycle
-- decision, which the returns do not date, is shown as the gate's last decision.
create macro gates_open(scope, programme, objective, as_of) as table
    select
        g.project_id,
        p.name as project,
        p.department_id,
        g.gate,
        g.planned_on,
        g.planned_on < as_of as overdue,
        date_diff('day', g.planned_on, as_of) as days_overdue,
        case when g.decision in ('Hold', 'Recycle') then g.decision end as last_decision,
        p.reported_rag,
        p.evidence_rag,
        p.evidence
    from scoped_projects(scope, programme, objective) as p
    inner join stg_stage_gates as g on p.project_id = g.project_id
    where p.period = as_of
        and p.is_active
        and (g.passed_on is null or g.passed_on > as_of)
        and coalesce(g.decision, '') <> 'Stop';

-- changes_open(scope, programme, objective, as_of): change requests raised by the period's end on
-- projects within the filters and not decided by then (pending, or decided after it).
create macro changes_open(scope, programme, objective, as_of) as table
    select
        c.change_id,
        c.project_id,
        p.name as project,
        p.department_id,
        c.title,
        c.raised_on,
        date_diff('day', c.raised_on, as_of) as age_days,
        c.cost_impact,
        c.schedule_impact_days
    from scoped_project_list(scope, programme, objective) as p
    inner join stg_change_requests as c on p.project_id = c.project_id
    where c.raised_on <= as_of
        and (c.decision = 'Pending' or c.decided_on > as_of);

-- changes_decided(scope, programme, objective, as_of): change requests decided by the period's end
-- (a decision the returns do not date counts as decided), with the cycle time from raised to decided.
create macro changes_decided(scope, programme, objective, as_of) as table
    select
        c.change_id,
        c.project_id,
        p.name as project,
        p.department_id,
        c.title,
        c.decision,
        c.decided_by,
        c.raised_on,
        c.decided_on,
        date_diff('day', c.raised_on, c.decided_on) as cycle_days,
        c.cost_impact,
        c.schedule_impact_days
    from scoped_project_list(scope, programme, objective) as p
    inner join stg_change_requests as c on p.project_id = c.project_id
    where c.raised_on <= as_of
        and c.decision <> 'Pending'
        and (c.decided_on is null or c.decided_on <= as_of);

-- planned_demand(scope, programme, objective): the resource plans that still claim people: demand of
-- the projects within the filters that are active or on hold and not delivered. (The what-if's
-- candidates' plans and the resources page's demand are both this.)
create macro planned_demand(scope, programme, objective) as table
    select m.project_id, p.department_id, p.name as project, p.baseline_start, m.role, m.month, m.demand_fte
    from stg_demand as m
    inner join scoped_project_list(scope, programme, objective) as p on m.project_id = p.project_id
    where p.state in ('Active', 'On hold')
        and p.actual_finish is null;

-- A department's role in a month (or any sum of them) is over-allocated when its demand exceeds
-- over_allocation x its capacity, or it has demand and no capacity; utilisation is demand / capacity
-- (null without capacity).
create macro over_allocated(demand, capacity, over) as
    coalesce(demand, 0) > 0 and coalesce(demand, 0) > over * coalesce(capacity, 0);

create macro utilisation_share(demand, capacity) as coalesce(demand, 0) / nullif(capacity, 0);

-- utilisation(scope, programme, objective, as_of): per department in scope, role and month, for the
-- 12 months from the period's month: capacity, planned demand and utilisation (demand / capacity;
-- null without capacity), over-allocated when demand exceeds over_allocation x capacity (or there is
-- demand and no capacity).
create macro utilisation(scope, programme, objective, as_of) as table
    with s as (select over_allocation from build_settings),

    months as (
        select unnest(generate_series(
            date_trunc('month', as_of::date), date_trunc('month', as_of::date) + interval 11 month, interval 1 month
        ))::date as month
    ),

    demand as (
        select department_id, role, month, sum(demand_fte) as demand_fte
        from planned_demand(scope, programme, objective)
        where month in (select month from months)
        group by department_id, role, month
    ),

    capacity as (
        select department_id, role, month, sum(capacity_fte) as capacity_fte
        from stg_capacity
        where list_contains(scope, department_id) and month in (select month from months)
        group by department_id, role, month
    )

    select
        coalesce(c.department_id, d.department_id) as department_id,
        coalesce(c.role, d.role) as role,
        coalesce(c.month, d.month) as month,
        coalesce(c.capacity_fte, 0) as capacity_fte,
        coalesce(d.demand_fte, 0) as demand_fte,
        utilisation_share(d.demand_fte, c.capacity_fte) as utilisation,
        over_allocated(d.demand_fte, c.capacity_fte, s.over_allocation) as over_allocated
    from capacity as c
    full join demand as d on c.department_id = d.department_id and c.role = d.role and c.month = d.month
    cross join s;

-- pir_reviews(scope, programme, objective, as_of): each project within the filters that closed
-- (actual finish) by the period's end, with its post-implementation review: due pir_due_months after
-- closing; 'held' when held by the period's end, else 'overdue' once due, else 'not yet due'. With
-- the review's rating and benefits realised, the realisation of the project's benefits measured after
-- it closed (benefits_then: actual / planned to date, their mean) and the lessons it logged on or
-- after the review.
create macro pir_reviews(scope, programme, objective, as_of) as table
    with s as (select pir_due_months from build_settings),

    closed as (
        select p.project_id, p.name as project, p.department_id, p.actual_finish, p.expected_benefit
        from scoped_project_list(scope, programme, objective) as p
        where p.actual_finish <= as_of
    ),

    after_close as (
        select b.project_id, avg(b.realisation) as benefits_realisation
        from benefits_then(scope, programme, objective, as_of) as b
        inner join closed as c on b.project_id = c.project_id
        where b.measured_on > c.actual_finish
        group by b.project_id
    )

    select
        c.*,
        (c.actual_finish + to_months(s.pir_due_months))::date as due_on,
        case when v.held_on <= as_of then v.held_on end as held_on,
        case when v.held_on <= as_of then v.rating end as rating,
        case when v.held_on <= as_of then v.benefits_realised_to_date end as benefits_realised_to_date,
        case when v.held_on <= as_of then v.findings end as findings,
        case
            when v.held_on <= as_of then 'held'
            when (c.actual_finish + to_months(s.pir_due_months))::date < as_of then 'overdue'
            else 'not yet due'
        end as status,
        date_diff('day', (c.actual_finish + to_months(s.pir_due_months))::date, as_of) as days_overdue,
        a.benefits_realisation,
        (
            select count(*) from stg_lessons as l
            where l.project_id = c.project_id and v.held_on <= as_of and l.logged_on >= v.held_on
                and l.logged_on <= as_of
        ) as lessons_after
    from closed as c
    cross join s
    left join stg_post_implementation_reviews as v on c.project_id = v.project_id
    left join after_close as a on c.project_id = a.project_id;
