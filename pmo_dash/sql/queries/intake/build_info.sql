-- build_info: one row, when and from where the warehouse was built, with the row accounting
-- of the returns of the departments in scope.
with runs as (
    select *
    from ingest_runs
    where list_contains($scope, department_folder)
)

select
    b.built_at,
    b.source_dir,
    (select count(*) from runs) as files,
    (select coalesce(sum(rows_read), 0) from runs) as rows_read,
    (select coalesce(sum(accepted), 0) from runs) as accepted,
    (select coalesce(sum(rejected), 0) from runs) as rejected
from build_info as b;
