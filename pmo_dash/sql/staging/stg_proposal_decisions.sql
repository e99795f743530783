-- stg_proposal_decisions: one row per decision of the portfolio board on a proposal.
-- The contract's columns as validated, and the file and row each came from. Written by
-- `python -m pmo_dash docs` from pmo_dash/contract/; do not edit by hand.
create view stg_proposal_decisions as
select
    proposal_id,
    decided_on,
    decision,
    decided_by,
    note,
    source_file,
    source_row
from raw_proposal_decisions;
