-- rows_by_department: one department's rows of a contract table that names its department (departments, programmes,
-- projects, capacity): one row per row accepted, in the order it was returned.
-- $table_name is a contract table's name, checked against the contract, never a user's text.
select * exclude (source_file, source_row)
from query_table('raw_' || $table_name)
where department_id = $department
order by source_file, source_row
