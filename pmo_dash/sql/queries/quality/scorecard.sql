-- scorecard: one row per department in scope per period (the 12 up to $as_of), with the data-quality
-- components over the 12 periods up to each, the counts behind them, and the score
-- (marts/quality.sql defines them).
select *
from quality_scorecard($scope, $as_of);
