-- project_warning: one row for the project in the period when it is within the user's scope and the
-- early warning considered it (active, not finished, Green or Amber on evidence): its chance of being Red
-- within three periods (null before a model could be fitted), whether it is flagged, by what, and why.
select w.probability, w.model_flag, w.rule_flag, w.flagged, w.flagged_by, w.reasons, w.trained_on
from scoped_projects($scope, null, null) as p
inner join early_warnings as w on p.project_id = w.project_id and p.period = w.period
where p.project_id = $project
    and p.period = $as_of;
