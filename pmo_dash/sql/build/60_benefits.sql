-- measured_benefits: one row per benefit measured on or before `cutoff`, at its latest
-- measurement then, with realisation = actual / planned to date. The one definition of
-- "measured to date".
create macro measured_benefits(cutoff) as table
    select
        benefit_id,
        as_of as measured_on,
        planned_value,
        actual_value,
        realisation(actual_value, planned_value) as realisation
    from stg_benefit_measurements
    where as_of <= cutoff
    qualify row_number() over (partition by benefit_id order by as_of desc) = 1;
