-- project_forecast: one row for the project in the period when it is within the user's scope, active and
-- not finished: its reference-class forecast (marts/forecast.sql project_forecasts), the class used and
-- its size, or none and how many projects had closed by then.
select f.*
from scoped_projects($scope, null, null) as p
inner join project_forecasts as f on p.project_id = f.project_id and p.period = f.period
where p.project_id = $project
    and p.period = $as_of;
