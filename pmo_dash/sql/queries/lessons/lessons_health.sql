-- lessons_health: one row per department per period (the 13 up to $as_of) for the projects within
-- the filters, with the six components and the score (marts/lessons.sql defines them).
select *
from lessons_health($scope, $programme, $objective, $as_of);
