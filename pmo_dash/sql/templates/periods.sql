-- periods: one row: the first and the last reporting period (month end) the warehouse holds.
select min(period) as first_period, max(period) as last_period
from periods
