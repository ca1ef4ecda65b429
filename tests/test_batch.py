"""Batch conversion: progress, summary, report, atomic writes, incremental runs, Dask."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from riksdoc import engine

from .conftest import ROOT, SEED, corpus_paths


def riksdoc(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "riksdoc", *args], capture_output=True,
                          text=True, cwd=ROOT, **kwargs)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in corpus_paths()[:6]:
        shutil.copy(path, folder / path.name)
    (folder / "trasig.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return folder


def test_progress_summary_and_report(inputs: Path, tmp_path: Path) -> None:
    out, report = tmp_path / "out", tmp_path / "report.json"
    run = riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "-j", "2",
                  "--progress", "always", "--report", str(report))
    assert run.returncode == 1  # one input is broken; the others still converted
    assert "0/7 [" in run.stderr and "doc/s" in run.stderr  # the progress bar was drawn
    assert f"riksdoc: {inputs / 'trasig.txt'}: not a text file: looks like a PNG image" in run.stderr
    assert run.stderr.rstrip().splitlines()[-1].startswith("riksdoc: 6 converted, 1 failed, 0 skipped in ")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["converted"], data["failed"], data["skipped"]) == (6, 1, 0)
    names = [Path(d["input"]).name for d in data["documents"]]
    assert names == sorted(names)  # deterministic order, whatever order workers finished in
    broken = next(d for d in data["documents"] if d["input"].endswith("trasig.txt"))
    assert broken["status"] == "failed" and broken["outputs"] == [] and "PNG" in broken["error"]
    good = data["documents"][0]
    assert good["status"] == "converted" and set(good["timings"]) == {"read", "json"}
    assert good["outputs"] == [str(out / f"{Path(good['input']).stem}.json")]
    assert not (out / "trasig.json").exists()


def test_no_progress_bar_when_not_asked_and_not_a_terminal(inputs: Path, tmp_path: Path) -> None:
    run = riksdoc("convert", str(inputs), "-t", "json", "-o", str(tmp_path / "out"))
    assert "doc/s" not in run.stderr and "%|" not in run.stderr


def test_unchanged_inputs_are_skipped_until_forced_or_changed(inputs: Path, tmp_path: Path) -> None:
    (inputs / "trasig.txt").unlink()
    out = tmp_path / "out"
    assert riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "-j", "1").returncode == 0
    again = riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "-j", "1")
    assert "0 converted, 0 failed, 6 skipped" in again.stderr
    changed = sorted(inputs.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    third = riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "-j", "1")
    assert "1 converted, 0 failed, 5 skipped" in third.stderr
    (out / f"{sorted(inputs.iterdir())[1].stem}.json").unlink()  # a missing output is remade
    fourth = riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "-j", "1")
    assert "1 converted, 0 failed, 5 skipped" in fourth.stderr
    forced = riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "-j", "1", "--force")
    assert "6 converted, 0 failed, 0 skipped" in forced.stderr


@pytest.mark.parametrize("manifest", [
    '{"outputs": {"seed": {"key": "k", "files": 5}}}',  # each of these once crashed the batch
    '{"outputs": {"seed": 5}}',
    '{"outputs": ["seed"]}',
    '["not", "a", "manifest"]',
    '{"outputs": {"seed": {"key": "k", "files": [null, 3]}}}',
], ids=["files-not-a-list", "entry-not-an-object", "outputs-not-an-object", "a-list",
        "file-names-not-text"])
def test_a_damaged_manifest_counts_for_nothing(tmp_path: Path, manifest: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from riksdoc.batch import MANIFEST
    from riksdoc.cli import main

    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text(manifest, encoding="utf-8")
    source = tmp_path / "seed.txt"
    source.write_bytes(SEED.read_bytes())
    assert main(["convert", str(source), "-t", "json", "-o", str(out), "--report",
                 str(tmp_path / "r.json")]) == 0
    assert "1 converted, 0 failed, 0 skipped" in capsys.readouterr().err
    assert (out / "seed.json").is_file()
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]["seed"]["files"] \
        == ["seed.json"]


def test_other_formats_are_not_skipped_by_an_earlier_run(inputs: Path, tmp_path: Path) -> None:
    (inputs / "trasig.txt").unlink()
    out = tmp_path / "out"
    assert riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "-j", "1").returncode == 0
    more = riksdoc("convert", str(inputs), "-t", "json,akn", "-o", str(out), "-j", "1")
    assert "6 converted, 0 failed, 0 skipped" in more.stderr
    assert len(list(out.glob("*.akn.xml"))) == 6


def test_a_killed_batch_leaves_only_complete_outputs(tmp_path: Path) -> None:
    folder, out = tmp_path / "many", tmp_path / "out"
    folder.mkdir()
    seed = SEED.read_bytes()
    for n in range(3000):
        (folder / f"svar-{n:05d}.txt").write_bytes(seed)
    process = subprocess.Popen([sys.executable, "-m", "riksdoc", "convert", str(folder), "-t", "json",
                                "-o", str(out), "-j", "2"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 100:
        time.sleep(0.01)
    process.kill()  # SIGKILL: no chance to clean up
    process.wait()
    written = sorted(out.glob("svar-*.json"))
    assert 100 <= len(written) < 3000, "the batch was not killed midway"
    expected = json.loads(written[0].read_text(encoding="utf-8"))
    for path in written:  # every file present is complete and valid
        assert json.loads(path.read_text(encoding="utf-8")) == expected, path
    # A rerun removes what the kill left behind and finishes the rest.
    rerun = riksdoc("convert", str(folder), "-t", "json", "-o", str(out), "-j", "2")
    assert rerun.returncode == 0
    assert not list(out.glob(".*.part"))
    assert len(list(out.glob("svar-*.json"))) == 3000


def test_output_name_collision_is_a_failure_not_an_overwrite(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "svar.txt")
    shutil.copy(SEED, tmp_path / "b" / "svar.txt")
    run = riksdoc("convert", str(tmp_path / "a" / "svar.txt"), str(tmp_path / "b" / "svar.txt"),
                  "-t", "json", "-o", str(tmp_path / "out"))
    assert run.returncode == 1
    assert f"{tmp_path / 'b' / 'svar.txt'}: output name 'svar' is already used by" in run.stderr


def test_the_largest_input_goes_out_first_but_the_first_input_keeps_a_shared_name(
        tmp_path: Path) -> None:
    """A batch's long document must not start last (the other workers would sit idle
    while it runs); which of two inputs keeps an output name still follows input order."""
    from riksdoc.batch import Options, _Batch
    from riksdoc.inputs import Input

    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    shutil.copy(SEED, small)
    large.write_text(SEED.read_text(encoding="utf-8") * 3, encoding="utf-8")
    (tmp_path / "b").mkdir()
    twin = tmp_path / "b" / "small.txt"
    twin.write_text(large.read_text(encoding="utf-8") * 2, encoding="utf-8")
    batch = _Batch([Input(str(small)), Input(str(twin)), Input(str(large))],
                   Options(formats=("json",), out_dir=tmp_path / "out", progress="never"),
                   say=lambda line: None)
    with batch.run_lock:
        order = [job.source for job in batch.jobs()]
    assert order == [str(large), str(small)]
    assert [(o.source, o.status) for o in batch.early] == [(str(twin), "failed")]


def test_json_and_akn_runs_never_import_weasyprint() -> None:
    code = ("import sys; from riksdoc.cli import main; "
            f"rc = main(['convert', {str(SEED)!r}, '-t', 'json', '-o', sys.argv[1], '-j', '1']); "
            "assert rc == 0; print('weasyprint' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code, "/tmp/riksdoc-lazy"], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.stdout.strip() == "False", run.stderr


def test_dask_local_cluster_gives_the_same_outputs_and_report(inputs: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local", tmp_path / "dask"
    for out, extra in ((local, ["-j", "2"]), (dask, ["--dask", "local", "-j", "2"])):
        riksdoc("convert", str(inputs), "-t", "json", "-o", str(out), "--report",
                str(out / "report.json"), *extra)
    files = sorted(p.name for p in local.glob("[!.]*.json"))
    assert files == sorted(p.name for p in dask.glob("[!.]*.json")) and len(files) == 7
    for name in files:
        if name != "report.json":
            assert (local / name).read_bytes() == (dask / name).read_bytes()

    def comparable(path: Path) -> list[dict]:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [{k: v for k, v in d.items() if k != "timings"} | {"outputs": [Path(o).name for o in d["outputs"]]}
                for d in data["documents"]]
    assert comparable(local / "report.json") == comparable(dask / "report.json")


def test_a_document_that_takes_too_long_fails_alone() -> None:
    from riksdoc.batch import run_local

    slow = engine.Job(str(SEED), SEED.name, SEED.read_bytes(), ("pdf",), "slow",
                      engine.Limits(max_seconds=0.01))
    fine = engine.Job("fine", SEED.name, SEED.read_bytes(), ("pdf",), "fine")
    started = time.perf_counter()
    outcomes = {o.stem: o for o in run_local([slow, fine], 1, ("pdf",))}
    assert time.perf_counter() - started < 60
    assert (outcomes["slow"].status, outcomes["slow"].error) == \
        ("failed", "took longer than 0.01 s to convert (--timeout)")
    assert outcomes["fine"].status == "converted"
    assert outcomes["fine"].outputs["pdf"].startswith(b"%PDF-")


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.update(int(c) for c in task.read_text().split())
        except OSError:
            continue
    for child in list(found):
        found |= _descendants(child)
    return found


def test_workers_die_with_a_killed_batch(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(400):
        shutil.copy(SEED, folder / f"svar-{n:03d}.txt")
    process = subprocess.Popen([sys.executable, "-m", "riksdoc", "convert", str(folder), "-t",
                                "docx", "-o", str(tmp_path / "out"), "-j", "2"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    # Workers write outputs' bytes back: wait until some are written, so both are at work.
    while time.monotonic() < deadline and len(list((tmp_path / "out").glob("*.docx"))) < 4:
        time.sleep(0.02)
    helpers = _descendants(process.pid)  # the workers (and the fork server, if any)
    assert len(helpers) >= 2, "no workers started"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{c}").exists() for c in helpers):
        time.sleep(0.05)
    alive = [c for c in helpers if Path(f"/proc/{c}/stat").exists()
             and Path(f"/proc/{c}/stat").read_text().split()[2] != "Z"]
    assert alive == []


def test_an_output_never_overwrites_its_own_input(tmp_path: Path) -> None:
    from riksdoc.writers import write

    from .conftest import read_document
    edited = tmp_path / "svar.docx"
    edited.write_bytes(write(read_document(SEED), "docx", stem="svar"))
    before = edited.read_bytes()
    run = riksdoc("convert", str(edited), "-t", "docx,json", "-o", str(tmp_path))
    assert run.returncode == 1
    assert f"{edited}: the docx output would overwrite this input" in run.stderr
    assert edited.read_bytes() == before and not (tmp_path / "svar.json").exists()


def test_a_changed_stylesheet_makes_outputs_out_of_date(monkeypatch) -> None:
    job = engine.Job("x", "x.txt", b"text", ("pdf",), "x")
    before = job.key()
    monkeypatch.setattr(engine, "code_fingerprint", lambda: "another print.css")
    assert job.key() != before


# --- runs that share an output folder -----------------------------------------------------

def test_two_runs_into_one_folder_keep_each_others_manifest_entries(tmp_path: Path) -> None:
    from riksdoc.outputs import MANIFEST

    out = tmp_path / "out"
    runs = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for n in range(60):
            shutil.copy(SEED, folder / f"{name}-{n:02d}.txt")
        runs.append(subprocess.Popen([sys.executable, "-m", "riksdoc", "convert", str(folder),
                                      "-t", "json", "-o", str(out), "-j", "1"], cwd=ROOT,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
    recorded = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
    assert sorted(recorded) == sorted(f"{name}-{n:02d}" for name in "ab" for n in range(60))
    assert not list(out.glob(".*.part"))


KEEP_A_RUN_GOING = """
import sys, time
from pathlib import Path
from riksdoc.outputs import Run
run = Run(Path(sys.argv[1])).__enter__()
(Path(sys.argv[1]) / f".svar.pdf.{run.id}-00000000.part").write_bytes(b"half a PDF")
print(run.id, flush=True)
time.sleep(60)
"""


def test_a_run_removes_only_the_temporary_files_of_runs_that_ended(tmp_path: Path) -> None:
    from riksdoc.outputs import Run

    other = subprocess.Popen([sys.executable, "-c", KEEP_A_RUN_GOING, str(tmp_path)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    try:
        other_id = other.stdout.readline().strip() if other.stdout else ""
        part = tmp_path / f".svar.pdf.{other_id}-00000000.part"
        with Run(tmp_path) as run:
            run.remove_stale_parts()
            assert part.exists()  # the other run is still writing
    finally:
        other.kill()  # SIGKILL: as a run that dies without cleaning up
        other.wait()
    with Run(tmp_path) as run:
        run.remove_stale_parts()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# --- Dask -----------------------------------------------------------------------------------

@pytest.mark.parametrize("peer", ["closed", "silent", "no-port"])
def test_an_unreachable_dask_scheduler_is_one_line_within_seconds(tmp_path: Path, peer: str) -> None:
    """A closed port, a port where something listens that never answers, not an address."""
    import socket

    pytest.importorskip("distributed")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        if peer == "silent":
            listener.listen(5)
        address = "127.0.0.1" if peer == "no-port" else \
            f"tcp://127.0.0.1:{listener.getsockname()[1]}"
        started = time.monotonic()
        run = riksdoc("convert", str(SEED), "-t", "json", "-o", f"{tmp_path}/", "--dask", address)
        assert time.monotonic() - started < 15
    assert run.returncode == 2
    assert run.stderr.startswith(f"riksdoc: --dask {address}: cannot reach a Dask scheduler "
                                 "there ("), run.stderr
    assert len(run.stderr.splitlines()) == 1, run.stderr


def test_a_cluster_with_another_riksdoc_is_refused() -> None:
    from riksdoc import cluster
    from riksdoc.errors import InputError

    class Client:
        def wait_for_workers(self, n: int, timeout: float) -> None:
            pass

        def run(self, function, on_error: str) -> dict:
            assert function is engine.identity
            return {"tcp://10.0.0.1:1": engine.identity(),
                    "tcp://10.0.0.2:1": {"version": "0.0.9", "fingerprint": "ab" * 32},
                    "tcp://10.0.0.3:1": ModuleNotFoundError("No module named 'riksdoc'")}

    with pytest.raises(InputError) as refused:
        cluster._check_workers(Client(), "tcp://sched:8786")
    assert str(refused.value) == (
        "--dask tcp://sched:8786: worker tcp://10.0.0.2:1 runs riksdoc 0.0.9 with code and styles "
        f"abababababab, this process riksdoc {engine.__version__} with "
        f"{engine.code_fingerprint()[:12]} (2 of 3 workers differ); install the same riksdoc on "
        "every worker, or a cluster would mix outputs")


def test_a_worker_refuses_a_job_from_another_riksdoc() -> None:
    job = engine.Job(str(SEED), SEED.name, SEED.read_bytes(), ("json",), "seed",
                     riksdoc="0" * 64)
    outcome = engine.convert_job(job)
    assert outcome.status == "failed" and outcome.outputs == {}
    assert outcome.error.startswith("refused by a worker whose riksdoc differs from the one that "
                                    "sent it")
    same = engine.Job(str(SEED), SEED.name, SEED.read_bytes(), ("json",), "seed",
                      riksdoc=engine.code_fingerprint())
    assert engine.convert_job(same).status == "converted"


def test_the_fingerprint_is_of_the_code_and_styles_every_installation_has() -> None:
    from importlib.resources import files

    names = sorted(name for name, _ in engine._code_files(files("riksdoc"), ""))
    assert "engine.py" in names and "writers/pdf.py" in names
    assert not [n for n in names if not n.endswith(".py") or n.startswith("styles/")]
