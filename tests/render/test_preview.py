"""`avtal serve`, the live preview, as an editor uses it: started on a free port, its address read from
its output, a document edited and the change seen on the served page; an error that leaves the page
answering, with the finding on it; a Word file made when it is downloaded."""

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from avtal.findings import Finding, Severity
from avtal.render.preview import Preview
from avtal.render.sanitize import clean_html
from conftest import REPO_ROOT

ANSWER_WITHIN = 10  # seconds: a request that takes longer counts as hanging
ENGLISH = re.compile(r"INFO|Serving on|Building documentation|Reloading|Detected file changes|Browser connected|"
                     r"Watching paths|Traceback|The server will appear stuck")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`avtal serve` in a process of its own; its output lines gathered as they come."""

    def __init__(self, root, *args: str):
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "avtal", "serve", *args], cwd=root, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [threading.Thread(target=self._read, args=(self.process.stdout, self.out, True), daemon=True),
                        threading.Thread(target=self._read, args=(self.process.stderr, self.err, False), daemon=True)]
        for reader in self.readers:
            reader.start()

    def _read(self, stream, kept: list[str], lines: bool) -> None:
        with stream:
            for line in stream:
                kept.append(line.rstrip("\n"))
                if lines:
                    self.lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, timeout: float = 120) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if match := re.search(pattern, line):
                return match
        raise AssertionError(f"no line like {pattern!r}; stdout {self.out}, stderr {self.err}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        for reader in self.readers:
            reader.join(timeout=10)  # the last lines, and the pipes closed
        return code


def _get(url: str) -> tuple[int, str, bytes]:
    """One request, which must be answered at once (a preview that waits for a good build hangs here)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_WITHIN) as answer:
            status, kind, body = answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        status, kind, body = error.code, "", error.read()
    assert time.monotonic() - started < ANSWER_WITHIN
    return status, kind, body


def _until(url: str, condition, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        status, _, body = _get(url)
        page = body.decode("utf-8", "replace")
        if status == 200 and condition(page):
            return page
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} never showed what was expected; last answer {status}:\n{page[-3000:]}")
        time.sleep(0.1)


def _site_repo(git_repo):
    shutil.copy(REPO_ROOT / "mkdocs.yml", git_repo.root / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "webbplats", git_repo.root / "webbplats")
    return git_repo


@pytest.fixture
def served(git_repo):
    _site_repo(git_repo)
    git_repo.doc("plan", "## Om planen {#om}\n\nDen första meningen.\n")
    git_repo.commit("A plan")
    server = Server(git_repo.root, "--port", str(_free_port()))
    try:
        url = server.wait_for_line(r"^Förhandsvisningen finns på (http://\S+/) ")[1]
        yield git_repo, server, url
    finally:
        code = server.stop()
        assert code == 0, server.err
        assert "Förhandsvisningen avslutades." in server.out
        assert [line for line in server.out + server.err if ENGLISH.search(line)] == []


def test_the_preview_follows_a_save_and_keeps_answering_with_the_findings_of_an_error(served):
    repo, server, url = served
    page_url = url + "plans/plan/"
    assert "Den första meningen." in _until(page_url, lambda page: "Om planen" in page)
    assert re.fullmatch(r"Byggt på \d+,\d s: 0 fel, 0 varningar", server.out[0])

    repo.doc("plan", "## Om planen {#om}\n\nDen första meningen. En ny mening i förhandsvisningen.\n")
    page = _until(page_url, lambda page: "En ny mening i förhandsvisningen." in page)
    assert re.search(r'<span class="avtal-heading-number">\d+</span> Om planen', page)  # numbered as in Word
    server.wait_for_line(r"^Byggt om på \d+,\d s: 0 fel, 0 varningar$")

    repo.doc("plan", "## Om planen {#om}\n\nText som inte visas förrän felet är rättat.\n", owner="Kalle")
    page = _until(page_url, lambda page: "avtal-preview-errors" in page)
    assert "En ny mening i förhandsvisningen." in page and "Text som inte visas" not in page  # the last good text
    banner = page.split('<div class="admonition failure avtal-preview-errors">', 1)[1].split("</div>", 1)[0]
    assert "avtal check hittade ett fel" in banner and "AV105" in banner and "Kalle" in banner
    assert re.search(r"<code>plans/plan\.md:\d+:\d+</code>", banner)
    assert all(_get(url + path)[0] == 200 for path in ("", "ordlista/", "andringslogg/"))  # every page answers
    server.wait_for_line(r"^Byggt om på \d+,\d s: 1 fel, 0 varningar; sidorna visar den senaste versionen utan fel$")
    assert any(re.match(r"plans/plan\.md:\d+:\d+: fel AV105 ", line) for line in server.out)

    repo.doc("plan", "## Om planen {#om}\n\nFelet är rättat.\n")
    page = _until(page_url, lambda page: "Felet är rättat." in page)
    assert "avtal-preview-errors" not in page


def test_a_word_file_is_made_when_it_is_downloaded(served):
    repo, server, url = served
    page = _until(url + "plans/plan/", lambda page: "avtal-download" in page)
    href = re.search(r'<a class="avtal-download" download="plan_v0\.1\.docx" href="([^"]+)"', page)[1]
    assert href == "../../word/plan_v0.1.docx"
    status, kind, data = _get(url + "word/plan_v0.1.docx")
    assert status == 200 and kind.startswith("application/vnd.openxmlformats") and data[:2] == b"PK"
    import io

    import docx

    assert "Den första meningen." in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert _get(url + "word/finns-inte_v0.1.docx")[0] == 404


def test_errors_from_the_start_still_give_a_page_that_says_what_to_fix(git_repo):
    _site_repo(git_repo)
    git_repo.doc("plan", owner="Kalle")
    server = Server(git_repo.root, "--port", str(_free_port()))
    try:
        url = server.wait_for_line(r"^Förhandsvisningen finns på (http://\S+/) ")[1]
        page = _until(url, lambda page: "avtal-preview-errors" in page)
        assert "Dokumenten visas när felen är rättade" in page and "AV105" in page
        git_repo.doc("plan", "Nu utan fel.\n")
        _until(url + "plans/plan/", lambda page: "Nu utan fel." in page)
    finally:
        assert server.stop() == 0


def test_a_port_that_is_taken_or_does_not_exist_is_said_in_swedish(repo):
    _site_repo(repo)
    repo.doc("plan")
    assert repo.avtal("serve", "--port", "0").code == 2
    assert "porten 0 finns inte" in repo.avtal("serve", "--port", "0").stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = repo.avtal("serve", "--port", str(taken.getsockname()[1]))
    assert result.code == 2 and "kan inte ta emot anrop på 127.0.0.1:" in result.stderr and "--port" in result.stderr


# -- The preview's parts, without a server -----------------------------------------------------------


def test_the_banner_shows_each_finding_as_text_and_survives_the_sanitizer(tmp_path):
    preview = Preview(tmp_path)
    preview.findings = [Finding("plans/plan.md", 9, 8, "AV105", Severity.ERROR, 'Okänd roll "<script>alert(1)</script>"'),
                        Finding("plans/plan.md", 12, 1, "AV310", Severity.WARNING, "En varning")]
    banner = preview.banner()
    assert clean_html(banner) == banner
    assert '<code>plans/plan.md:9:8</code> AV105 Okänd roll "&lt;script&gt;alert(1)&lt;/script&gt;"' in banner
    assert "AV310" not in banner  # warnings are in the terminal's line, not on every page
    assert preview.line(0.44) == "Byggt om på 0,4 s: 1 fel, 1 varning"
    preview.findings = preview.findings[1:]
    assert preview.banner() == "" and preview.line(1.26, first=True) == "Byggt på 1,3 s: 0 fel, 1 varning"
