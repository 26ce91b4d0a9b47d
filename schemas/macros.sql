-- Macros over the warehouse's views, created by `agenda sql` and every connection of extractors.storage.query.
--
-- meetings_as_of(as_of): the meetings as known on `as_of`: only their mentions published up to that date
-- count. A meeting appears once one of its mentions is published; its interval is the vote of the dated
-- mentions known then (the interval that most of them hold; then the finest; then the earliest), the same
-- vote the meetings table uses over all of them. Meetings are grouped with everything known today.
CREATE OR REPLACE MACRO meetings_as_of(as_of) AS TABLE
WITH known AS (
    SELECT m.meeting_id, u.x
    FROM meetings AS m, unnest(m.mentions) AS u(x)
    WHERE u.x.published_date <= CAST(as_of AS DATE)
),
dated AS (
    SELECT meeting_id, x.start_date AS s, x.end_date AS e, coalesce(x.granularity, 'day') AS g
    FROM known WHERE x.start_date IS NOT NULL AND x.end_date IS NOT NULL
),
votes AS (
    SELECT p.meeting_id, p.s, p.e, p.g, count(*) AS support
    FROM (SELECT DISTINCT meeting_id, s, e, g FROM dated) AS p
    JOIN dated AS q ON q.meeting_id = p.meeting_id AND q.s <= p.s AND p.e <= q.e
    GROUP BY ALL
),
best AS (
    SELECT meeting_id, s, e, g FROM votes
    QUALIFY row_number() OVER (PARTITION BY meeting_id ORDER BY support DESC, e - s,
        list_position(['day', 'week', 'month', 'quarter', 'year'], g) NULLS LAST, s, e, g) = 1
),
seen AS (
    SELECT meeting_id, count(*) AS mentions_known, min(x.published_date) AS first_seen,
           max(x.published_date) AS last_seen,
           bool_or(x.status = 'past') AS reported_past
    FROM known GROUP BY meeting_id
)
SELECT m.meeting_id, m.kind, m.participants, m.location, m.location_country, m.latitude, m.longitude,
       m.event_name, b.s AS start_date, b.e AS end_date, b.g AS granularity, s.first_seen, s.last_seen,
       s.mentions_known, m.confidence, m.evidence, m.evidence_article_id
FROM meetings AS m
JOIN seen AS s USING (meeting_id)
LEFT JOIN best AS b USING (meeting_id);

-- upcoming(as_of, days): the meetings known on `as_of` that are still to come (or under way) within `days`
-- days of it, soonest first.
CREATE OR REPLACE MACRO upcoming(as_of, days) AS TABLE
SELECT * FROM meetings_as_of(as_of)
WHERE end_date >= CAST(as_of AS DATE) AND start_date <= CAST(as_of AS DATE) + CAST(days AS INTEGER)
ORDER BY start_date, end_date, mentions_known DESC, meeting_id;
