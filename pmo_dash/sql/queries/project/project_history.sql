-- project_history: one row per period of the project up to $as_of: reported and evidence RAG
-- (and the five-point delivery confidence, where reported) and the earned-value figures to date.
select
    period,
    reported_this_period,
    reported_rag,
    delivery_confidence,
    evidence_rag,
    evidence,
    percent_complete,
    planned_value,
    earned_value,
    actual_cost,
    spi,
    cpi,
    eac,
    forecast_finish_then as forecast_finish
from scoped_projects($scope, null, null)
where project_id = $project
    and period <= $as_of
order by period;
