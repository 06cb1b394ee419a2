// Test probe: the daily event aggregates of one day.
MATCH (d:EventDay {day: $day})
RETURN d.kind AS kind, d.strategy AS strategy, d.count AS count, d.valueBase AS valueBase
ORDER BY kind, strategy
