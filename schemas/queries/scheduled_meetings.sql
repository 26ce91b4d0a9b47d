-- Scheduled meetings, soonest first: who meets whom, when, where, and the sentence that says so.
SELECT
    start_date,
    end_date,
    granularity,
    kind,
    array_to_string(participants, ', ') AS participants,
    location,
    event_name,
    left(evidence, 100) AS evidence
FROM events
WHERE status = 'scheduled'
ORDER BY start_date NULLS LAST, published_date, article_id;
