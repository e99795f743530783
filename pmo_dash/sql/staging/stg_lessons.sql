-- stg_lessons: one row per lesson.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_lessons as
select
    lesson_id,
    project_id,
    logged_on,
    category,
    title,
    what_happened,
    root_cause,
    recommendation,
    effect,
    state,
    owner,
    action_due,
    actioned_on,
    applied_to,
    source_file,
    source_row
from raw_lessons;
