"""The built wheel is a working agenda: installed into a fresh environment, run from outside the repo."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT, SAMPLE


def test_the_wheel_carries_the_model_and_extracts_from_outside_the_repo(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path / "dist"), str(ROOT)], check=True, timeout=600)
    (wheel,) = (tmp_path / "dist").glob("agenda-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert any(n.endswith("share/agenda/models/agenda-tagger-v4/model.onnx") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                    "--no-deps", str(wheel)], check=True, timeout=600)
    # The dependencies are the lock's pins of this environment (no network here); agenda itself, its model
    # and its data come from the wheel alone.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(site.getsitepackages())}
    env.pop("AGENDA_MODEL_DIR", None)
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import extractors, json; "
                            "from extractors.tagger.runtime import DEFAULT_MODEL_DIR as m; "
                            "print(json.dumps([extractors.__file__, str(m)]))"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    package, model = json.loads(where.stdout)
    assert package.startswith(str(venv)) and model.startswith(str(venv / "share" / "agenda" / "models"))

    agenda = str(venv / "bin" / "agenda")
    done = subprocess.run([agenda, "extract", str(SAMPLE / "2016-11-10"), "--warehouse", "wh", "--ingest-date",
                           "2016-11-10"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = subprocess.run([agenda, "sql", "SELECT start_date, participants FROM events WHERE status = 'scheduled' "
                           "ORDER BY start_date", "--warehouse", "wh", "--format", "json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert json.loads(rows.stdout) == [{"start_date": "2016-11-14", "participants": ["Shinzo Abe"]},
                                       {"start_date": "2016-11-17", "participants": ["Shinzo Abe", "Donald Trump"]}]
    version = subprocess.run([agenda, "--version"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert version.stdout.startswith("agenda ") and "agenda-tagger-v4" in version.stdout
