-- stg_post_implementation_reviews: one row per post-implementation review of a closed project.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_post_implementation_reviews as
select
    project_id,
    held_on,
    rating,
    benefits_realised_to_date,
    findings,
    source_file,
    source_row
from raw_post_implementation_reviews;
