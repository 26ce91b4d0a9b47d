"""Meetings: the events of every article and day resolved into one row per real-world meeting.

- :mod:`.mentions`: the events that feed it (scheduled, or past with a date) and the name keys compared;
- :mod:`.matching`: blocking, the pairwise rule, connected groups and their split into meetings;
- :mod:`.merging`: one ``meetings`` row from a meeting's mentions (dates by vote, parties merged);
- :mod:`.store`: the table in the warehouse, updated incrementally and atomically;
- :mod:`.views`: what an analyst asks of it: upcoming meetings as of a date, a calendar file, a page.
"""
