-- risk_heatmap: one row per likelihood x impact cell holding at least one risk open in the
-- period within the filters, as last reviewed then: how many, and their summed exposure.
select
    likelihood,
    impact,
    count(*) as risks,
    sum(exposure)::bigint as exposure,
    bool_or(is_high) as red_zone
from scoped_risks($scope, $programme, $objective)
where period = $as_of
group by likelihood, impact
order by likelihood desc, impact;
