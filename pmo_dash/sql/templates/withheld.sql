-- withheld: one row per value withheld in an accepted row of one contract table: the column and the row's key
-- (its key columns as text, joined by ' / '), so a template can say "withheld" where the return did.
select "column", key
from withheld_values
where table_name = $table_name
