"""The example nginx configuration (docs/nginx/riksdoc.conf) in front of ``riksdoc serve``.

The file is used as shipped, with only its ports, certificate paths and upstream address
set for the test (a self-signed certificate made here).  Skipped where nginx or openssl is
missing; CI installs nginx-light.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

from .conftest import ROOT, SEED  # noqa: E402
from .test_server import free_port, wait_until_up, with_root  # noqa: E402

SITE = ROOT / "docs" / "nginx" / "riksdoc.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.skipif(not (Path(NGINX).exists() and shutil.which("openssl")),
                                reason="needs nginx and openssl (apt-get install nginx-light)")


def site_for_test(folder: Path, http: int, https: int, upstream: int) -> Path:
    text = SITE.read_text(encoding="utf-8")
    for old, new in (("listen 80;", f"listen 127.0.0.1:{http};"),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
                     ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
                     ("/etc/ssl/riksdoc/fullchain.pem", str(folder / "cert.pem")),
                     ("/etc/ssl/riksdoc/privkey.pem", str(folder / "key.pem"))):
        assert old in text, old
        text = text.replace(old, new)
    site = folder / "riksdoc.conf"
    site.write_text(text, encoding="utf-8")
    return site


def main_config(folder: Path, site: Path) -> Path:
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir(mode=0o777)
        (folder / name).chmod(0o777)
    config = folder / "nginx.conf"
    config.write_text(f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
""", encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(https base, http base) of nginx with the example site before a riksdoc server."""
    folder = tmp_path_factory.mktemp("nginx")
    folder.chmod(0o755)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-keyout", str(folder / "key.pem"),
                    "-out", str(folder / "cert.pem")], check=True, capture_output=True)
    upstream, http, https = free_port(), free_port(), free_port()
    server = subprocess.Popen([sys.executable, "-m", "riksdoc", "serve", "--port", str(upstream),
                               "--workers", "1"], env=with_root(), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    config = main_config(folder, site_for_test(folder, http, https, upstream))
    checked = subprocess.run([NGINX, "-t", "-c", str(config), "-p", str(folder)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen([NGINX, "-c", str(config), "-p", str(folder), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{upstream}", 60)
        end = time.monotonic() + 20
        while time.monotonic() < end:
            try:
                httpx.get(f"https://127.0.0.1:{https}/api/health", verify=False, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield f"https://127.0.0.1:{https}", f"http://127.0.0.1:{http}"
    finally:
        nginx.terminate()
        server.terminate()
        nginx.wait(10)
        server.wait(20)


def test_a_conversion_and_its_download_through_the_proxy(proxied: tuple[str, str]) -> None:
    base, _ = proxied
    with httpx.Client(base_url=base, verify=False, timeout=60) as client:
        reply = client.post("/api/convert?formats=json",
                            files={"file": (SEED.name, SEED.read_bytes(), "text/plain")})
        assert reply.status_code == 200, reply.text
        assert reply.headers["strict-transport-security"].startswith("max-age=")
        assert reply.headers["x-content-type-options"] == "nosniff"  # riksdoc's, passed on
        url = reply.json()["files"]["json"]["url"]
        assert url.startswith("/resultat/")  # relative: right behind any proxy
        download = client.get(url)
        assert download.status_code == 200 and b'"riksdoc_json"' in download.content


def test_the_form_from_this_site_is_taken_and_from_another_refused(
        proxied: tuple[str, str]) -> None:
    base, _ = proxied
    with httpx.Client(base_url=base, verify=False, timeout=60) as client:
        ours = client.post("/", data={"text": SEED.read_text(encoding="utf-8")},
                           headers={"origin": base})
        assert ours.status_code == 303 and ours.headers["location"].startswith("/resultat/")
        theirs = client.post("/", data={"text": "x"}, headers={"origin": "https://elak.example"})
        assert theirs.status_code == 403


def test_the_proxy_refuses_too_large_uploads_and_bursts(proxied: tuple[str, str]) -> None:
    base, _ = proxied
    with httpx.Client(base_url=base, verify=False, timeout=60) as client:
        big = client.post("/api/convert", content=b"x" * 12_000_000,
                          headers={"content-type": "text/plain"})
        assert big.status_code == 413
        statuses = [client.post("/api/convert", content=b" ",
                                headers={"content-type": "text/plain"}).status_code
                    for _ in range(40)]
        assert 429 in statuses and 400 in statuses  # riksdoc answers the first, nginx the rest


def test_plain_http_is_sent_to_https(proxied: tuple[str, str]) -> None:
    _, http = proxied
    reply = httpx.get(f"{http}/", follow_redirects=False)
    assert reply.status_code == 301 and reply.headers["location"].startswith("https://")
