"""A real full disk: the warehouse on a small tmpfs, mounted in a private mount namespace (``unshare``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "landing"
DAYS = ("2013-03-18", "2013-03-19", "2013-03-20")
MARK = "FULL-DISK-RESULT "


def _scenario(root: str) -> dict:
    """Day 1 published; the disk filled; day 2 runs out of space; the disk freed; days 2 and 3 run."""
    import errno

    from extractors.runs.pipeline import run_extract
    from extractors.storage.query import connect

    wh = os.path.join(root, "wh")

    def run(day: str) -> str:
        try:
            return run_extract([str(SAMPLE / day)], wh, dt.date.fromisoformat(day), extractor="baseline", workers=1,
                               meetings=False).status
        except OSError as exc:
            return f"{errno.errorcode.get(exc.errno, exc.errno)}: {exc}"

    def rows() -> dict:
        con = connect(wh)
        return {t: con.execute(f"SELECT ingest_date::VARCHAR, count(*) FROM {t} GROUP BY ALL ORDER BY 1").fetchall()
                for t in ("articles", "events")}

    out = {"day1": run(DAYS[0])}
    before = rows()
    st = os.statvfs(root)
    with open(os.path.join(root, "filler"), "wb") as f:  # leave about 40 KB: day 2's staging needs more
        f.write(b"\0" * max(0, st.f_bavail * st.f_frsize - 40_000))
    out["day2_full"] = run(DAYS[1])
    staging = Path(wh, "_staging")
    out["staging_left"] = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
    out["kept"] = rows() == before
    os.remove(os.path.join(root, "filler"))
    out["day2"], out["day3"] = run(DAYS[1]), run(DAYS[2])
    out["runs"] = connect(wh).execute("SELECT ingest_date::VARCHAR, status FROM runs ORDER BY started_at").fetchall()
    out["rows"] = rows()
    return out


def test_a_run_that_fills_the_disk_fails_clearly_leaves_nothing_and_the_next_runs_go(tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("no unshare (util-linux) to mount a private tmpfs")
    mount = tmp_path / "disk"
    mount.mkdir()
    script = (f"mount -t tmpfs -o size=2m tmpfs {mount} && "
              f"exec {sys.executable} {__file__} {mount}")
    proc = subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c", script], capture_output=True,
                          text=True, timeout=600, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if "mount" in proc.stderr and proc.returncode and MARK not in proc.stdout:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()[-200:]}")
    assert MARK in proc.stdout, proc.stderr[-3000:]
    out = json.loads(proc.stdout.split(MARK, 1)[1])
    assert out["day1"] == "success"
    assert out["day2_full"].startswith("ENOSPC: "), out["day2_full"]  # one clear error, from the CLI: exit 1
    assert out["staging_left"] == []  # the failed run removed what it staged: other dates' runs have room
    assert out["kept"]  # the published day is untouched
    assert (out["day2"], out["day3"]) == ("success", "success")
    assert [r[1] for r in out["runs"] if r[0] == DAYS[1]] == ["failed", "success"]
    assert [d for d, _ in out["rows"]["articles"]] == list(DAYS)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(MARK + json.dumps(_scenario(sys.argv[1]), default=str), flush=True)
