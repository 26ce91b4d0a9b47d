"""The numpy event and link heads: geometry, pooling, and agreement with their torch twin."""

from __future__ import annotations

import numpy as np
import pytest

from extractors.tagger.decoding import _attach
from extractors.tagger.heads import BETWEEN_BUCKETS, DISTANCE_BUCKETS, EventHeads, pair_geometry, span_means
from extractors.tagger.labels import ROLES
from extractors.tagger.spans import SentenceEvent, Span


def test_span_means_pool_inclusive_ranges() -> None:
    states = np.arange(12, dtype=np.float32).reshape(6, 2)
    got = span_means(states, np.array([[0, 0], [1, 3], [5, 5]]))
    assert got.tolist() == [[0, 1], [4, 5], [10, 11]]
    assert span_means(states, np.zeros((0, 2), np.int64)).shape == (0, 2)


def test_pair_geometry_signs_distances_and_counts_triggers_between() -> None:
    # triggers at tokens 2 and 9; arguments at 0..1 (before the first), 10 (right after the second),
    # 14..15 (after both), 2 (on the first trigger)
    triggers = np.array([[2, 2], [9, 9]])
    args = np.array([[0, 1], [10, 10], [14, 15], [2, 2]])
    distance, between = pair_geometry(triggers, args)
    mid = DISTANCE_BUCKETS // 2
    assert distance[0].tolist() == [mid - 1, mid + 4, mid + 4, mid]  # gaps -1, +8, +12, 0
    assert distance[1].tolist() == [mid - 4, mid + 1, mid + 3, mid - 3]  # gaps -8, +1, +5, -7
    assert between[0].tolist() == [0, 1, 1, 0]  # the second trigger lies between the first and 10, 14
    assert between[1].tolist() == [1, 0, 0, 0]
    assert distance.min() >= 0 and distance.max() < DISTANCE_BUCKETS and between.max() < BETWEEN_BUCKETS


def test_numpy_heads_match_the_torch_heads() -> None:
    torch = pytest.importorskip("torch")
    from extractors.training.network import EventHeads as TorchHeads

    torch.manual_seed(0)
    net = TorchHeads(dim=32, n_status=4, n_kind=6)
    heads = EventHeads(net.to_numpy())
    rng = np.random.default_rng(1)
    states = rng.normal(size=(20, 32)).astype(np.float32)
    triggers = np.array([[3, 3], [10, 12]])
    args = np.array([[0, 0, 1], [1, 5, 5], [2, 14, 16], [3, 10, 11]])
    want_event = net.event_logits(torch.from_numpy(span_means(states, triggers)),
                                  torch.from_numpy(np.broadcast_to(states[0], (2, 32)).copy()))
    assert np.allclose(heads.event_logits(states, states[0], triggers), want_event.detach().numpy(), atol=1e-5)
    distance, between = pair_geometry(triggers, args[:, 1:])
    t = torch.from_numpy(span_means(states, triggers))[:, None].expand(2, 4, 32)
    a = torch.from_numpy(span_means(states, args[:, 1:]))[None].expand(2, 4, 32)
    want_link = net.link_logits(t, a, torch.from_numpy(args[:, 0])[None].expand(2, 4), torch.from_numpy(distance),
                                torch.from_numpy(between))
    assert np.allclose(heads.link_logits(states, triggers, args), want_link.detach().numpy(), atol=1e-5)


def _events(n: int) -> list[SentenceEvent]:
    return [SentenceEvent(trigger=Span(10 * i, 10 * i + 4, "meet"), kind="meeting", status="scheduled")
            for i in range(n)]


def test_a_participant_joins_every_event_that_claims_it() -> None:
    events = _events(2)
    abe = Span(0, 3, "Abe")
    _attach(events, [(ROLES.index("participant"), abe)], np.array([[0.9], [0.8]]))
    assert events[0].participants == [abe] and events[1].participants == [abe]


def test_an_unclaimed_participant_goes_to_its_likeliest_event() -> None:
    events = _events(2)
    abe = Span(0, 3, "Abe")
    _attach(events, [(ROLES.index("participant"), abe)], np.array([[0.2], [0.4]]))
    assert events[0].participants == [] and events[1].participants == [abe]


def test_each_event_keeps_one_time_its_likeliest() -> None:
    events = _events(2)
    monday, friday = Span(30, 36, "Monday"), Span(40, 46, "Friday")
    time = ROLES.index("time")
    _attach(events, [(time, monday), (time, friday)], np.array([[0.9, 0.6], [0.3, 0.7]]))
    assert events[0].time == monday and events[1].time == friday


def test_an_unclaimed_time_goes_to_its_likeliest_event_only_if_that_has_none() -> None:
    events = _events(2)
    monday, friday = Span(30, 36, "Monday"), Span(40, 46, "Friday")
    time = ROLES.index("time")
    _attach(events, [(time, monday), (time, friday)], np.array([[0.9, 0.45], [0.1, 0.2]]))
    assert events[0].time == monday and events[1].time is None
