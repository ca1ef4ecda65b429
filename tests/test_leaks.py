"""No leaks: converting reads only the input and riksdoc's own resources, and makes no
network request, even when the text names local files and URLs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT
from .test_hostile import ANSWER, available

# Runs what a worker runs (read, convert) and what the CLI does with the result (write
# the outputs) in one process with an audit hook that records every file opened and every
# network call, then prints them as JSON.  (The CLI itself hands the conversion to a worker
# process, where a hook set here would not see it.)
PROBE = r"""
import json, sys
from pathlib import Path
opened, network = [], []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        opened.append(args[0] if isinstance(args[0], str) else args[0].decode(errors="replace"))
    elif event.startswith("socket.") and event not in ("socket.__new__", "socket.sethostname"):
        network.append([event, repr(args)[:200]])
    elif event in ("urllib.Request", "http.client.connect"):
        network.append([event, repr(args)[:200]])
from riksdoc import engine, inputs, outputs
from riksdoc.writers import FORMATS
sys.addaudithook(hook)
source, formats, out = sys.argv[1], tuple(sys.argv[2].split(",")), Path(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
job = engine.Job(source, source, inputs.read_source(source), formats, inputs.stem_of(source))
outcome = engine.convert_job(job)
for name, data in outcome.outputs.items():
    outputs.write_atomic(out / f"{outcome.stem}{FORMATS[name].suffix}", data)
rc = 0 if outcome.status == "converted" else 1
print(json.dumps({"rc": rc, "opened": opened, "network": network}))
"""

BAIT = ("Se file:///etc/passwd och <img src=\"file:///etc/hostname\"> och "
        "<link rel=stylesheet href=\"http://127.0.0.1:9/x.css\"> och url(file:///etc/shadow) "
        "och http://example.invalid/bild.png och @import url(/etc/group);")


def test_conversion_opens_only_the_input_and_its_own_resources(tmp_path: Path) -> None:
    source = tmp_path / "lockbete.txt"
    source.write_text(ANSWER.format(body=BAIT), encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-c", PROBE, str(source), ",".join(available()), f"{out}/"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    probe = json.loads(run.stdout.splitlines()[-1])
    assert probe["rc"] == 0
    assert probe["network"] == []
    # Libraries read these at import, not because of the text: cffi's find_library
    # works in the temp directory, WeasyPrint's anchors module builds a MimeTypes
    # table (riksdoc names every MIME type itself).
    allowed = (sys.prefix, sys.base_prefix, str(ROOT), str(out), str(source), "/dev/null",
               "/proc/", "/sys/", "/usr/share/fonts", "/etc/fonts", "/var/cache/fontconfig",
               "/usr/lib", "/etc/mime.types")
    scratch = ("/tmp",)
    strangers = [p for p in probe["opened"] if not p.startswith(allowed)
                 and not str(Path(p).resolve()).startswith(allowed)
                 and str(Path(p).parent) not in scratch and p not in scratch
                 and str(Path(p).parent.parent) not in scratch]
    assert strangers == []
    bait = {"/etc/passwd", "/etc/hostname", "/etc/shadow", "/etc/group"}
    assert bait.isdisjoint(probe["opened"])
