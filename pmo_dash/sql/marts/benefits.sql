-- The benefits domain's measures. Benefit realisation = actual / planned to date
-- (macros/measures.sql); a benefit is at risk when its project is Red on evidence in the period.

-- measured_benefits: one row per benefit measured on or before `cutoff`, at its latest
-- measurement then, with realisation = actual / planned to date. The one definition of
-- "measured to date".
create macro measured_benefits(cutoff) as table
    select
        benefit_id,
        as_of as measured_on,
        planned_value,
        actual_value,
        realisation(actual_value, planned_value) as realisation
    from stg_benefit_measurements
    where as_of <= cutoff
    qualify row_number() over (partition by benefit_id order by as_of desc) = 1;

-- benefits_then: one row per benefit of a project within the filters, as measured to `cutoff`,
-- and whether it is at risk then. The one definition of "at risk".
create macro benefits_then(scope, programme, objective, cutoff) as table
    with status_then as (
        select project_id, evidence_rag
        from scoped_projects(scope, null, null)
        where period = cutoff
    )

    select
        b.*,
        p.name as project,
        p.department_id,
        p.objective_id,
        l.measured_on,
        l.planned_value,
        l.actual_value,
        l.realisation,
        coalesce(s.evidence_rag = 'Red', false) as at_risk
    from stg_benefits as b
    inner join scoped_project_list(scope, programme, objective) as p on b.project_id = p.project_id
    left join measured_benefits(cutoff) as l on b.benefit_id = l.benefit_id
    left join status_then as s on b.project_id = s.project_id;
