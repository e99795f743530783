-- problems: what the last build found wrong in the returns of the departments in scope (the rows it
-- rejected, and the warnings on rows it kept), each with its file, row, column, value, rule and
-- message, and where the file came from: the submission that carried it (version, who, when) or,
-- when none did, the base returns. A department's returns are the files in its folder.
select
    split_part(v.file, '/', 1) as department_id,
    v.file,
    v.row,
    v."column",
    v.value,
    v.rule,
    v.message,
    s.version,
    s.submitted_by,
    s.submitted_at
from validation_problems as v
left join submission_sources as s on v.file = s.path
where list_contains($scope, split_part(v.file, '/', 1))
order by v.file, v.row nulls first, v."column";
