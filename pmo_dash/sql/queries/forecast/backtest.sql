-- backtest: one row per method (the model, the rule) over the early warnings of projects within the
-- filters whose outcome was known by the period's end (the third period after had passed) and that the
-- model of their period scored: rows, how many turned Red (base rate), flagged, precision and recall at
-- the threshold the warehouse was built with, ROC AUC (Mann-Whitney: the mean rank of those that turned
-- Red, ties at their average rank), and whether the pages flag by it (the model only where it beat the
-- rule over the whole portfolio's backtest).
with rows as (
    select w.turned_red, w.probability, w.rule_flag, w.model_flag, w.flagged_by
    from scoped_projects($scope, $programme, $objective) as p
    inner join early_warnings as w on p.project_id = w.project_id and p.period = w.period
    where w.probability is not null
        and w.turned_red is not null
        and last_day(w.period + interval 3 month) <= $as_of
),

scored as (
    select 'model' as method, probability as score, model_flag as flag, turned_red, flagged_by from rows
    union all
    select 'rule', rule_flag::double, rule_flag, turned_red, flagged_by from rows
),

ranked as (
    select
        *,
        rank() over (partition by method order by score)
        + (count(*) over (partition by method, score) - 1) / 2 as score_rank
    from scored
),

counted as (
    select
        method,
        any_value(flagged_by) = method as shown,
        count(*) as rows,
        count(*) filter (where turned_red) as positives,
        count(*) filter (where flag) as flagged,
        count(*) filter (where flag and turned_red) as hits,
        sum(score_rank) filter (where turned_red) as positive_ranks
    from ranked
    group by method
)

select
    method,
    shown,
    rows,
    positives,
    positives / rows as base_rate,
    flagged,
    hits / nullif(flagged, 0) as precision,
    hits / nullif(positives, 0) as recall,
    (positive_ranks - positives * (positives + 1) / 2) / nullif(positives * (rows - positives), 0) as auc,
    (select warning_threshold from build_settings) as threshold
from counted
order by method;
