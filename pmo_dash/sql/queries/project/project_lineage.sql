-- project_lineage: where a project's figures came from, as of $as_of: per table and file, the rows
-- (as numbered in the spreadsheet) that hold the project's record, the status return in force for
-- the period, and its milestones, risks, issues, benefits, change requests, stage gates and
-- compliance controls; the sha256 of the file the build read; and the submission that carried the
-- file (version, who, when), or none when it came from the base returns. Empty when the project is
-- outside the scope.
with project as (
    select project_id, source_file, source_row
    from stg_projects
    where project_id = $project and list_contains($scope, department_id)
),

in_force as (
    select report_period
    from scoped_projects($scope, null, null)
    where project_id = (select project_id from project) and period = $as_of
),

found as (
    select 1 as ord, 'projects' as table_name, source_file, source_row from project
    union all
    select 2, 'status_reports', source_file, source_row
    from stg_status_reports
    where project_id = (select project_id from project) and period = (select report_period from in_force)
    union all
    select 3, 'milestones', source_file, source_row from stg_milestones
    where project_id = (select project_id from project)
    union all
    select 4, 'risks', source_file, source_row from stg_risks
    where project_id = (select project_id from project)
    union all
    select 5, 'issues', source_file, source_row from stg_issues
    where project_id = (select project_id from project)
    union all
    select 6, 'benefits', source_file, source_row from stg_benefits
    where project_id = (select project_id from project)
    union all
    select 7, 'change_requests', source_file, source_row from stg_change_requests
    where project_id = (select project_id from project)
    union all
    select 8, 'stage_gates', source_file, source_row from stg_stage_gates
    where project_id = (select project_id from project)
    union all
    select 9, 'compliance_controls', source_file, source_row from stg_compliance_controls
    where project_id = (select project_id from project)
)

select
    f.table_name,
    f.source_file,
    count(*) as rows,
    list(f.source_row order by f.source_row) as source_rows,
    s.version,
    s.submitted_by,
    s.submitted_at,
    r.sha256
from found as f
left join submission_sources as s on f.source_file = s.path
left join ingest_runs as r on f.source_file = r.path
group by f.ord, f.table_name, f.source_file, s.version, s.submitted_by, s.submitted_at, r.sha256
order by f.ord, f.source_file;
