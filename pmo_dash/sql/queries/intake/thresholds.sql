-- thresholds: one row, the cut-offs the warehouse was built with (settings.Thresholds), which every
-- chart's colours and every caption take, so that they always agree with the numbers built under them.
select * from build_settings;
