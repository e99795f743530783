-- stg_risk_reviews: one row per risk per review.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_risk_reviews as
select
    risk_id,
    reviewed_on,
    likelihood,
    impact,
    source_file,
    source_row
from raw_risk_reviews;
