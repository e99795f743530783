-- The one definition of what a user's filters let through: their scope (departments they may
-- see, narrowed by the department filter), and optionally one programme and one objective.
-- Every page query reads project_periods and risk_periods through these, never directly.
create macro scoped_projects(scope, programme, objective) as table
    select *
    from project_periods
    where list_contains(scope, department_id)
        and (programme is null or programme_id = programme)
        and (objective is null or objective_id = objective);

create macro scoped_risks(scope, programme, objective) as table
    select *
    from risk_periods
    where list_contains(scope, department_id)
        and (programme is null or programme_id = programme)
        and (objective is null or objective_id = objective);

-- Projects of any period (benefits and lessons outlive a project's delivery) within the filters.
create macro scoped_project_list(scope, programme, objective) as table
    select *
    from stg_projects
    where list_contains(scope, department_id)
        and (programme is null or programme_id = programme)
        and (objective is null or objective_id = objective);

-- Another department's project, at one end of a dependency: its id only within the scope (or when it
-- is no known project), its name only within the scope; outside it, its department alone.
create macro visible_project_id(scope, department_id, project_id) as
    case when department_id is null or list_contains(scope, department_id) then project_id end;

create macro visible_project_name(scope, department_id, name) as
    case
        when list_contains(scope, department_id) then name
        when department_id is null then 'not a known project'
        else 'a project of ' || department_id
    end;
