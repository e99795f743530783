-- rows_by_proposal: one department's rows of a contract table that names a proposal (its resource demand,
-- the board's decisions): one row per row accepted whose proposal is one of the department's, in the
-- order it was returned. $table_name is a contract table's name, checked against the contract.
select * exclude (source_file, source_row)
from query_table('raw_' || $table_name)
where proposal_id in (select proposal_id from raw_proposals where department_id = $department)
order by source_file, source_row
