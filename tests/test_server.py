"""The web page and HTTP API (`riksdoc serve`), over real HTTP on loopback.

The server runs as `python -m riksdoc serve` in a subprocess, exactly as a
clerk would start it; the time-limit test starts the same app with uvicorn in
a subprocess of its own, handing it a conversion that hangs on request.  The browser test drives Debian's
``chromium`` with Selenium and skips cleanly when either is missing (CI
installs them: see the README's "Web page" section).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from riksdoc.jsonmodel import load
from riksdoc.readers import read
from riksdoc.server import available_formats, visible
from riksdoc.writers import (
    FORMATS as ALL,
    write,
)

from .conftest import ROOT, SEED, corpus_paths, read_document

SEED_TEXT = SEED.read_text(encoding="utf-8")
TITLE = "Samarbete mellan polis och militär"
LIMIT = 200_000
"""--max-upload of the test server (small, so an over-limit body is cheap to send)."""
FORMATS = available_formats()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_root() -> dict[str, str]:
    """The environment, with this checkout first on PYTHONPATH."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def wait_until_up(base: str, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"server at {base} did not come up in {seconds} s")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``riksdoc serve`` on a free loopback port; its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "riksdoc", "serve", "--port", str(port), "--max-upload",
         str(LIMIT), "--timeout", "120", "--workers", "2"],
        env=with_root(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
    except AssertionError:
        process.kill()
        raise AssertionError(process.communicate()[1].decode(errors="replace")) from None
    yield base
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError("the server did not stop on SIGTERM") from None


@pytest.fixture
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=120) as c:
        yield c


def check_download(fmt: str, data: bytes) -> None:
    """Each format's file opens with the tool its users use, and holds the seed."""
    expected = read_document(SEED)
    if fmt == "json":
        assert load(json.loads(data)) == expected
    elif fmt == "akn":
        from riksdoc.validate import problems
        assert problems(data) == []  # strict AKN 3.0 schema and the riksdoc profile
        assert read(data, "x.akn.xml").document == expected
    elif fmt == "docx":
        import docx
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert TITLE in text and "Mikael Cederbratt" in text
        assert read(data, "x.docx").document == expected
    elif fmt == "pdf":
        from pypdf import PdfReader
        assert data.startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 1
        text = " ".join((page.extract_text() or "") for page in reader.pages)
        assert "Cederbratt" in text
    elif fmt == "html":
        assert TITLE in data.decode("utf-8")
    else:  # a format this test does not know yet must be taught here
        raise AssertionError(f"no check for format {fmt}")


# --- the API ----------------------------------------------------------------

def test_health_says_formats_and_limits(client: httpx.Client) -> None:
    reply = client.get("/api/health")
    assert reply.status_code == 200
    body = reply.json()
    assert body["status"] == "ok"
    assert body["formats"] == list(FORMATS) and "json" in body["formats"]
    assert body["max_upload"] == LIMIT
    assert ".txt" in body["inputs"]


def test_openapi_describes_convert(client: httpx.Client) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    operation = spec["paths"]["/api/convert"]["post"]
    assert {"200", "400", "413", "422", "504"} <= set(operation["responses"])


def test_upload_seed_gives_metadata_report_and_downloads(client: httpx.Client) -> None:
    reply = client.post("/api/convert", files={"file": (SEED.name, SEED.read_bytes(),
                                                        "text/plain")})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["kind"] == "frs"
    meta = body["metadata"]
    assert meta["number"] == "2017/18:112"
    assert meta["questions"][0]["questioner"] == {"name": "Mikael Cederbratt", "party": "M",
                                                  "role": None}
    assert meta["title"] == TITLE
    assert meta["date"] == "2017-10-25" and meta["date_text"] == "25 oktober 2017"
    assert meta["signatory"]["name"] == "Morgan Johansson"
    removed = [(c["kind"], c["line"], c["text"]) for c in body["report"]["changes"]]
    assert ("bookmark", 1, "[bookmark: _GoBack]") in removed
    assert body["stem"] == SEED.stem  # an uploaded file keeps its name
    assert set(body["files"]) == set(FORMATS)
    for fmt, info in body["files"].items():
        assert info["url"].startswith("/resultat/")  # a path: never built from the Host header
        download = client.get(info["url"])
        assert download.status_code == 200
        assert download.headers["content-type"].startswith(info["media_type"].split(";")[0])
        assert info["filename"] in download.headers["content-disposition"]
        assert len(download.content) == info["size"]
        check_download(fmt, download.content)


@pytest.mark.parametrize("fmt", ["akn", "docx", "json"])
def test_archived_and_edited_files_are_read_back(client: httpx.Client, fmt: str) -> None:
    name = f"svar{ALL[fmt].suffix}"
    reply = client.post("/api/convert?formats=json",
                        files={"file": (name, write(read_document(SEED), fmt, stem="svar"))})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["metadata"]["title"] == TITLE and body["stem"] == "svar"
    assert body["report"] is None  # only text exports are normalised
    assert load(json.loads(client.get(body["files"]["json"]["url"]).content)) \
        == read_document(SEED)


def test_pasted_text_and_formats_parameter(client: httpx.Client) -> None:
    reply = client.post("/api/convert", data={"text": SEED_TEXT, "formats": "json"})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert list(body["files"]) == ["json"]
    assert body["stem"] == "frs-2017-18-112"  # pasted text is named by its number
    assert body["metadata"]["questions"][0]["questioner"]["name"] == "Mikael Cederbratt"
    # The same as a plain-text body, formats in the query.
    plain = client.post("/api/convert?formats=json", content=SEED_TEXT.encode(),
                        headers={"content-type": "text/plain; charset=utf-8"})
    assert plain.status_code == 200
    assert plain.json()["metadata"] == body["metadata"]


def test_bad_requests_say_why_in_one_line(client: httpx.Client) -> None:
    cases = [
        (client.post("/api/convert", data={"text": "   "}), 400, "Ingen text"),
        (client.post("/api/convert", data={"text": SEED_TEXT, "formats": "odt"}), 400, "odt"),
        (client.post("/api/convert", files={"file": ("x.txt", b"abc\x00\x01\x02" * 50)}), 422,
         "NUL byte"),
        (client.post("/api/convert", data={"text": SEED_TEXT},
                     files={"file": ("x.txt", SEED.read_bytes())}), 400, "inte båda"),
        (client.post("/api/convert", files={"file": ("x.docx", b"PK\x03\x04trasig")}), 422,
         "not a DOCX file"),
        (client.post("/api/convert", files={"file": ("x.akn.xml", b"<a/>")}), 422,
         "not Akoma Ntoso"),
        (client.post("/api/convert", files={"file": ("tom.txt", b"")}), 400, "tom"),
    ]
    for reply, status, words in cases:
        assert reply.status_code == status, reply.text
        error = reply.json()["error"]
        assert words in error and "\n" not in error


def test_zip_holds_every_file_and_is_reproducible(client: httpx.Client) -> None:
    upload = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
    first = client.post("/api/convert?zip=1", files=upload)
    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "application/zip"
    second = client.post("/api/convert", files=upload, headers={"accept": "application/zip"})
    assert second.content == first.content  # same input, same bytes
    archive = zipfile.ZipFile(io.BytesIO(first.content))
    names = sorted(archive.namelist())
    assert names == sorted(f"{SEED.stem}{ALL[f].suffix}" for f in FORMATS)
    document = read_document(SEED)
    for fmt in FORMATS:  # the very bytes the CLI would write
        data = archive.read(f"{SEED.stem}{ALL[fmt].suffix}")
        assert data == write(document, fmt, stem=SEED.stem)
        check_download(fmt, data)


def test_too_large_gets_413_and_the_server_keeps_serving(client: httpx.Client) -> None:
    big = ("x" * 99 + "\n") * (LIMIT // 100 + 10)
    reply = client.post("/api/convert", data={"text": big})
    assert reply.status_code == 413
    assert "för stor" in reply.json()["error"] and "200 kB" in reply.json()["error"]
    # A chunked body has no Content-Length: it is counted as it streams in.

    def chunks() -> Iterator[bytes]:
        for _ in range(LIMIT // 10_000 + 5):
            yield b"y" * 10_000

    chunked = client.post("/api/convert", content=chunks(),
                          headers={"content-type": "text/plain"})
    assert chunked.status_code == 413
    # The page says it in Swedish, on the form.
    page = client.post("/", files={"file": ("stor.txt", big.encode(), "text/plain")})
    assert page.status_code == 413
    assert "för stor" in page.text and '<form method="post"' in page.text
    after = client.post("/api/convert", data={"text": SEED_TEXT, "formats": "json"})
    assert after.status_code == 200
    assert after.json()["metadata"]["number"] == "2017/18:112"


def test_downloads_need_the_token_and_never_touch_paths(client: httpx.Client) -> None:
    for path in ("/resultat/nonsense/fil/x.json", "/resultat/..%2F..%2Fetc/fil/passwd",
                 "/resultat/x/fil/..%2F..%2F..%2Fetc%2Fpasswd", "/static/../../convert/server/app.py",
                 "/static/..%2F..%2Fconvert%2Fserver%2Fapp.py"):
        reply = client.get(path)
        assert reply.status_code == 404, path
        assert "root:" not in reply.text and "def create_app" not in reply.text
    body = client.post("/api/convert", data={"text": SEED_TEXT, "formats": "json"}).json()
    url = body["files"]["json"]["url"]
    token = url.split("/resultat/")[1].split("/")[0]
    assert len(token) >= 32  # secrets.token_urlsafe(24)
    assert client.get(url.replace("frs-2017-18-112.json", "other.json")).status_code == 404


# --- the page, without a browser -------------------------------------------------

def test_page_form_works_without_javascript(client: httpx.Client) -> None:
    home = client.get("/")
    assert home.status_code == 200
    assert '<html lang="sv">' in home.text
    assert '<label for="text">' in home.text and '<label for="file">' in home.text
    posted = client.post("/", files={"text": (None, SEED_TEXT)})
    assert posted.status_code == 303
    page = client.get(posted.headers["location"])
    assert page.status_code == 200
    html = page.text
    assert f"<h1>{TITLE}</h1>" in html
    assert "Mikael Cederbratt (M)" in html and "Morgan Johansson" in html
    assert "2017/18:112" in html and "25 oktober 2017" in html
    assert "[bookmark: _GoBack]" in html  # the removed bookmark is listed
    for fmt in FORMATS:
        assert f"/fil/frs-2017-18-112{ALL[fmt].suffix}" in html
    assert "<iframe" in html and 'sandbox=""' in html
    preview = client.get(posted.headers["location"] + "/forhandsvisning")
    assert preview.status_code == 200 and TITLE in preview.text
    assert preview.headers["content-security-policy"].startswith("sandbox")


def test_page_keeps_pasted_text_and_says_what_went_wrong(client: httpx.Client) -> None:
    reply = client.post("/", data={"text": "abc\x00def"})
    assert reply.status_code == 422
    assert 'role="alert"' in reply.text and "NUL byte" in reply.text
    assert "abc\x00def</textarea>" in reply.text  # the pasted text is not lost
    escaped = client.post("/", data={"text": "<script>alert(1)</script>\x00"})
    assert "<script>alert(1)</script>" not in escaped.text  # autoescaped
    assert "&lt;script&gt;" in escaped.text


def read_document_text(text: str):
    """The model of a pasted text."""
    return read(text.encode(), "x.txt").document


def test_page_lists_warnings(client: httpx.Client) -> None:
    posted = client.post("/", data={"text": "Minnesanteckning\n\nNågot helt annat.\n"})
    assert posted.status_code == 303
    html = client.get(posted.headers["location"]).text
    assert "Okänd dokumenttyp" in html
    warning = read_document_text("Minnesanteckning\n\nNågot helt annat.\n").warnings[0]
    assert warning.text in html and f"Rad {warning.line}:" in html


def test_result_store_keeps_every_result_its_lifetime_and_refuses_when_full() -> None:
    from riksdoc.server.store import OVERHEAD, Result, ResultStore, StoredFile, StoreFull

    def result(size: int) -> Result:
        return Result({}, {"json": StoredFile("x.json", "application/json", b"x" * size)})

    store = ResultStore(keep_seconds=3600, keep_bytes=1000 * (OVERHEAD + 100) + 50)
    tokens = [store.add(result(100)) for _ in range(1000)]
    assert all(store.get(t) is not None for t in tokens)  # no result pushes out another
    assert len(set(tokens)) == 1000 and all(len(t) >= 32 for t in tokens)
    assert not store.has_room()
    with pytest.raises(StoreFull) as full:
        store.add(result(100))
    assert 3590 <= full.value.retry_after <= 3600  # when the oldest expires
    assert all(store.get(t) is not None for t in tokens)
    expired = ResultStore(keep_seconds=-1, keep_bytes=10**6)
    assert expired.get(expired.add(result(1))) is None
    assert expired.bytes == 0


@pytest.mark.parametrize("path", corpus_paths()[:6], ids=lambda p: p.name)
def test_corpus_documents_convert(client: httpx.Client, path: Path) -> None:
    reply = client.post("/api/convert?formats=json", files={"file": (path.name, path.read_bytes())})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    expected = read_document(path)
    assert body["kind"] == expected.kind.value
    assert body["metadata"]["title"] == expected.title
    json_file = client.get(body["files"]["json"]["url"]).content
    assert load(json.loads(json_file)) == expected


def test_visible_marks_only_unseen_whitespace() -> None:
    assert visible(" ") == "␣"
    assert visible("[bookmark: _GoBack]") == "[bookmark: _GoBack]"
    assert visible(" a b ") == "␣a b␣"
    assert visible("\u00ad") == "⟨U+00AD⟩"


# --- the CLI stays lean --------------------------------------------------------------

def test_serve_with_a_house_style(tmp_path: Path) -> None:
    """``serve --style DIR``: the outputs and the page itself are in the house style."""
    from riksdoc.housestyle import HouseStyle

    house = tmp_path / "hus"
    shutil.copytree(ROOT / "docs" / "house-style", house)
    (house / "web" / "static").mkdir(parents=True)
    (house / "web" / "static" / "style.css").write_text("/* hus */ body { color: #123; }\n",
                                                        encoding="utf-8")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "riksdoc", "serve", "--port", str(port),
                                "--workers", "1", "--style", str(house)], env=with_root(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        css = httpx.get(f"{base}/static/style.css").text
        assert css.rstrip().endswith("/* hus */ body { color: #123; }")  # after the built-in rules
        assert len(css) > 1000 and httpx.get(f"{base}/static/page.js").status_code == 200
        assert httpx.get(f"{base}/static/nope.css").status_code == 404
        reply = httpx.post(f"{base}/api/convert?formats=pdf,docx&zip=1", timeout=120,
                           files={"file": ("svar.txt", SEED.read_bytes(), "text/plain")})
        assert reply.status_code == 200, reply.text
        with zipfile.ZipFile(io.BytesIO(reply.content)) as archive:
            style = HouseStyle.folder(house)
            for name, fmt in (("svar.pdf", "pdf"), ("svar.docx", "docx")):
                assert archive.read(name) == write(read_document(SEED), fmt, stem="svar",
                                                   style=style), name
    finally:
        process.kill()
        process.wait()


def test_convert_never_imports_the_web_stack(tmp_path: Path) -> None:
    code = ("import sys, riksdoc.cli as c; c.main(['convert', sys.argv[1], '-t', 'json', '-o', "
            "sys.argv[2], '--progress', 'never']); "
            "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'riksdoc.server') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(SEED), str(tmp_path)], check=True,
                         capture_output=True, text=True, env=with_root())
    assert out.stdout.strip() == "[]"
    assert (tmp_path / f"{SEED.stem}.json").is_file()


# --- in a real browser ------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture
def browser(tmp_path: Path):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("needs Debian's chromium and chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1600"):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _downloaded(directory: Path, name: str, seconds: float = 60) -> bytes:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        path = directory / name
        if path.is_file() and not (directory / f"{name}.crdownload").exists():
            return path.read_bytes()
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded; got {sorted(os.listdir(directory))}")


def test_browser_paste_submit_see_and_download(server: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/")
    area = browser.find_element(By.ID, "text")
    # Paste: the exact text, as a clipboard paste would put it.
    browser.execute_script("arguments[0].value = arguments[1];"
                           "arguments[0].dispatchEvent(new Event('input'));", area, SEED_TEXT)
    browser.find_element(By.CSS_SELECTOR, "form.convert button[type=submit]").click()
    WebDriverWait(browser, 120).until(ec.url_contains("/resultat/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == TITLE
    facts = browser.find_element(By.CSS_SELECTOR, "table.facts").text
    assert "Mikael Cederbratt (M)" in facts and "Morgan Johansson" in facts
    assert "[bookmark: _GoBack]" in browser.find_element(By.CSS_SELECTOR, "table.report").text
    browser.save_screenshot(str(browser.downloads.parent / "result.png"))
    if "html" in FORMATS:  # the preview: the HTML output in a sandboxed frame
        frame = browser.find_element(By.CSS_SELECTOR, "iframe.preview")
        assert frame.get_attribute("sandbox") == ""
        browser.switch_to.frame(frame)
        assert TITLE in browser.find_element(By.TAG_NAME, "body").text
        assert "Mikael Cederbratt har frågat mig" in browser.find_element(By.TAG_NAME, "body").text
        browser.switch_to.default_content()
    wanted = [f for f in ("json", "pdf") if f in FORMATS]
    for fmt in wanted:
        name = f"frs-2017-18-112{ALL[fmt].suffix}"
        browser.find_element(By.CSS_SELECTOR, f'a[download="{name}"]').click()
        check_download(fmt, _downloaded(browser.downloads, name))
