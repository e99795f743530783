-- risk_trend: one row per period of the 13 up to $as_of: open risks within the filters, those
-- in the red zone, and their summed exposure.
select
    pe.period,
    count(r.risk_id) as open_risks,
    count(r.risk_id) filter (where r.is_high) as high_risks,
    coalesce(sum(r.exposure), 0)::bigint as exposure
from periods as pe
left join scoped_risks($scope, $programme, $objective) as r on pe.period = r.period
where pe.period <= $as_of
    and pe.period > $as_of - interval 13 month
group by pe.period
order by pe.period;
