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

-- VAC = BAC - EAC: positive is money to spare, negative an overrun (shown as "EAC - budget",
-- which is -VAC, because that is how a board reads an overrun).
create macro vac(bac, ev, ac) as bac - eac(bac, ev, ac);

create macro exposure(likelihood, impact) as likelihood * impact;

-- How many periods a return counts for, by its department's cadence: the window ending at a period
-- is that period and the ones before it (Monthly: the period itself; Quarterly: it and the two
-- before; Annual: the twelve ending at it).
create macro cadence_periods(cadence) as
    case cadence when 'Quarterly' then 3 when 'Annual' then 12 else 1 end;

-- Whether a return of `report_period` counts as a report for `period` under a cadence.
create macro reporting_window(report_period, period, cadence) as
    date_diff('month', report_period, period) between 0 and cadence_periods(cadence) - 1;

-- How long a return stands (its status carried forward): its cadence window and at most
-- `carry_forward` periods after it; an older one says nothing about the period.
create macro return_stands(report_period, period, cadence, carry_forward) as
    date_diff('month', report_period, period) <= cadence_periods(cadence) - 1 + carry_forward;

-- A five-point rating as three colours: the worse one (an IPMO never reads Amber/Green as Green).
create macro three_colour(rating) as
    case rating when 'Amber/Green' then 'Amber' when 'Amber/Red' then 'Red' else rating end;

-- Schedule slip in days: positive means late.
create macro slip_days(forecast_finish, baseline_finish) as date_diff('day', baseline_finish, forecast_finish);

-- Benefit realisation: actual against planned to date (undefined before anything was planned).
create macro realisation(actual, planned) as actual / nullif(planned, 0);

-- Reporting compliance over a group of projects active in a period: the share whose latest return
-- falls within their department's cadence window ending at the period (reporting_window: a monthly
-- return counts for its own period only; a carried-forward return does not count). An aggregate:
-- use it with group by.
create macro reporting_compliance(reported_this_period) as
    count(*) filter (where reported_this_period) / nullif(count(*), 0);

-- What-if delivery health: 1 at SPI and CPI of 1 or better, 0 at `floor` or worse, by the weaker of
-- the two (the one reported, when only one is); unknown (neither reported) counts as halfway. DuckDB's
-- least and greatest skip nulls, so least(1, null) is 1: unknown is caught before them, never read as
-- perfect health. (The span is rounded because 1 - 0.7 is 0.30000000000000004 in binary.)
create macro delivery_health(spi, cpi, floor) as
    case
        when spi is null and cpi is null then 0.5
        else greatest(0, least(1, (least(spi, cpi) - floor) / round(1 - floor, 12)))
    end;
