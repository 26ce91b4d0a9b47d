-- Meetings, one row per real-world meeting (scheduled, or held once a later report says so), by date: who
-- meets whom, when, where, how much the news says about it, and a sentence that says so. (For what was known
-- on a given day: upcoming(DATE, days).)
SELECT
    start_date,
    end_date,
    granularity,
    kind,
    status,
    array_to_string(participants, ', ') AS participants,
    location,
    event_name,
    mention_count AS mentions,
    date_conflict,
    left(evidence, 100) AS evidence
FROM meetings
WHERE start_date IS NOT NULL
ORDER BY start_date, end_date, mention_count DESC, meeting_id;
