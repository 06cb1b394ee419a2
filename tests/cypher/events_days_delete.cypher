// Test clean-up: the daily event aggregates of one day.
MATCH (d:EventDay {day: $day})
DELETE d
