"""An editor's view of the data files: the YAML language server that VS Code, Neovim, Helix and Zed use.

The server comes from the npm registry (installed by `make test` into .cache/npm, like axe-core)
and runs on Node over stdio, as in an editor. It finds each data file's JSON Schema through the
file's first line (`# yaml-language-server: $schema=…`); the schema store is turned off, so
nothing is fetched.
"""

import json
import queue
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import yaml

from conftest import REPO_ROOT

SERVER = REPO_ROOT / ".cache" / "npm" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"

pytestmark = pytest.mark.skipif(not SERVER.exists() or shutil.which("node") is None,
                                reason="yaml-language-server or node is missing: run make test, which installs them")

SETTINGS = {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}, "schemas": {}}


class LanguageServer:
    """The few messages of the Language Server Protocol an editor sends to check and complete a file."""

    def __init__(self, root: Path):
        self.process = subprocess.Popen([str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: queue.Queue = queue.Queue()
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                    "capabilities": {"workspace": {"configuration": True}}})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                return
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict):
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict):
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict):
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self._wait(lambda m: m.get("id") == self.next_id and "method" not in m)["result"]

    def _wait(self, wanted, timeout: float = 60):
        while True:
            message = self.messages.get(timeout=timeout)
            if message.get("method") == "workspace/configuration":  # the editor's settings, per section
                self._send({"id": message["id"], "result": [SETTINGS] * len(message["params"]["items"])})
            elif "id" in message and "method" in message:  # other requests from the server: acknowledged
                self._send({"id": message["id"], "result": None})
            elif wanted(message):
                return message

    def diagnostics(self, uri: str, text: str) -> list[tuple[int, str]]:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                              "text": text}})
        published = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                               and m["params"]["uri"] == uri)
        return [(d["range"]["start"]["line"] + 1, d["message"]) for d in published["params"]["diagnostics"]]

    def completion(self, uri: str, line: int, character: int) -> list[str]:
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                          "position": {"line": line - 1, "character": character}})
        items = result["items"] if isinstance(result, dict) else result
        return [item["label"] for item in items]

    def close(self):
        self.process.kill()
        self.process.wait()
        self.reader.join(timeout=10)  # it stops at the end of the server's output
        self.process.stdin.close()
        self.process.stdout.close()


@pytest.fixture(scope="module")
def server():
    running = LanguageServer(REPO_ROOT)
    yield running
    running.close()


def _data_files():
    return sorted(p for folder in ("annexes", "plans") for p in (REPO_ROOT / folder).rglob("*.yaml"))


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: p.name)
def test_every_data_file_is_valid_in_the_editor_and_checked_against_its_schema(server, path):
    text = path.read_text("utf-8")
    assert server.diagnostics(path.as_uri(), text) == []
    # The same file with a key its kind does not have: the schema of the first line applies.
    probe = path.with_name(f"__probe-{path.stem}.yaml").as_uri()
    assert server.diagnostics(probe, text + "okänd_nyckel: 1\n") == [
        (len(text.splitlines()) + 1, "Property okänd_nyckel is not allowed.")
    ]


def test_the_editor_marks_wrong_values_and_completes_from_the_vocabularies(server):
    uri = (REPO_ROOT / "plans" / "__probe-ny.yaml").as_uri()
    text = (
        "# yaml-language-server: $schema=../schema/risks.schema.json\n"
        "kind: risks\n"
        "document: risk-och-konsekvensanalys\n"
        "items:\n"
        "  - id: R01\n"
        "    risk: Något.\n"
        "    probability: 9\n"
        "    consequence: 2\n"
        "    measures: [Något.]\n"
        "    owner: Omställningsledare\n"
        "    status: okänd\n"
    )
    found = dict(server.diagnostics(uri, text))
    assert found[7] == "Value is above the maximum of 5."
    assert found[11].startswith('Value is not accepted. Valid values: "öppen"')
    roles = yaml.safe_load((REPO_ROOT / "schema" / "roller.yaml").read_text("utf-8"))
    names = [r["name"] if isinstance(r, dict) else r for r in next(iter(roles.values()))]
    assert set(names) <= set(server.completion(uri, 10, len("    owner: ")))
