-- The one definition of each earned-value measure (DESIGN.md section 4). Marts and queries
-- call these macros, so a portfolio SPI is spi(sum(earned_value), sum(planned_value)) and
-- never a second formula.
create macro spi(ev, pv) as ev / nullif(pv, 0);

create macro cpi(ev, ac) as ev / nullif(ac, 0);

-- EAC = BAC / CPI. Before any cost is booked CPI is undefined and the budget stands; with
-- cost booked but nothing earned, all of the budget is still to do on top of what was spent.
create macro eac(bac, ev, ac) as
    case
        when ac is null or ac = 0 then bac
        when ev = 0 then bac + ac
        else bac / cpi(ev, ac)
    end;

create macro exposure(likelihood, impact) as likelihood * impact;

-- Schedule slip in days: positive means late.
create macro slip_days(forecast_finish, baseline_finish) as date_diff('day', baseline_finish, forecast_finish);

-- Benefit realisation: actual against planned to date (undefined before anything was planned).
create macro realisation(actual, planned) as actual / nullif(planned, 0);
