import importlib.util

import pytest

from extractors.quality import goldsets

spec = importlib.util.spec_from_file_location("check_gold", goldsets.REPO / "data" / "eval" / "check_gold.py")
check_gold = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_gold)


@pytest.mark.parametrize("name", ["dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12"])
def test_the_repos_gold_sets_restore_their_texts_and_are_well_formed(name):
    rows = goldsets.load(name)
    assert rows and all(r["text"] for r in rows)
    assert check_gold.problems({r["id"]: r for r in rows}, rows) == []
    assert not {r["id"] for r in rows} & {r["id"] for r in goldsets.load("dev2")}


def test_sets_joined_by_a_plus_are_one_set_of_their_articles_in_order():
    pooled = goldsets.load("dev2+dev9")
    parts = goldsets.load("dev2") + goldsets.load("dev9")
    assert [r["id"] for r in pooled] == [r["id"] for r in parts]
    assert len(pooled) == 160  # dev2's 100 (one id twice in shared/eval) and dev9's 60
    with pytest.raises(KeyError):
        goldsets.load("dev2+dev99")
