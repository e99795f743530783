-- project_brief: one row, the project's facts and its status in the period (with its earned schedule,
-- marts/forecast.sql) (none when the
-- project is outside the scope or did not exist then).
select
    p.project_id,
    p.period,
    p.name as project,
    p.department_id,
    d.name as department,
    p.programme_id,
    g.name as programme,
    o.name as objective,
    p.sponsor,
    p.project_manager,
    p.methodology,
    p.stage,
    p.state,
    p.strategic_fit,
    p.mandatory,
    p.compliance_tags,
    p.baseline_start,
    p.baseline_finish,
    p.current_baseline_finish,
    p.profile,
    p.cadence,
    p.actual_finish,
    p.forecast_finish_then as forecast_finish,
    p.budget,
    p.budget_withheld,
    p.expected_benefit,
    p.is_active,
    p.reported_this_period,
    p.report_as_of,
    p.reported_rag,
    p.delivery_confidence,
    p.evidence_rag,
    p.evidence,
    p.is_watermelon,
    p.percent_complete,
    p.planned_value,
    p.earned_value,
    p.actual_cost,
    p.sv,
    p.cv,
    p.spi,
    p.cpi,
    p.eac,
    p.vac,
    p.slip_days,
    p.original_slip_days,
    p.open_high_risks,
    es.spi_t,
    es.sv_t_days,
    es.ieac_t_finish,
    es.tspi,
    es.tcpi
from scoped_projects($scope, null, null) as p
inner join stg_departments as d on p.department_id = d.department_id
left join earned_schedule as es on p.project_id = es.project_id and p.period = es.period
left join stg_programmes as g on p.programme_id = g.programme_id
left join stg_strategic_objectives as o on p.objective_id = o.objective_id
where p.project_id = $project
    and p.period = $as_of
    and list_contains($scope, p.department_id);
