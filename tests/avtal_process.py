"""`python -m avtal …` for the tests, each command in a process of its own, without paying for the imports.

Most tests run the real command line several times on a small repository; in a fresh interpreter each
run spends most of its processor time importing pydantic, PyYAML, Markdown and avtal's loader (about
0.3 s of CPU, the same every time). Here each pytest process starts one interpreter that imports those
once (the zygote) and forks it for every command: the command still runs in a process of its own, with
its own arguments, folder, environment, standard streams and exit code, through `avtal/__main__.py` as
`python -m avtal` runs it. Only the imports are shared. Two zygotes take the commands in turn, so that two
commands in a row run under different hash seeds, as two fresh interpreters do (two builds that must give
the same bytes).

A fresh interpreter is used instead (plain `subprocess.run`) when the environment asks for something an
interpreter reads when it starts (a PYTHON… variable, the locale), when fork is missing, and everywhere
when AVTAL_TEST_FRESH_PROCESS=1 (to compare the two, or to rule the zygote out when a test fails).
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading

# What `avtal check` and the other commands import first; the Word and site machinery is not preloaded,
# so that a command that must not import them (check) is seen not to.
PRELOAD = ("avtal.cli", "avtal.rules.check", "avtal.source.load", "avtal.findings", "avtal.rules.formats")

# Read by an interpreter when it starts: a command that sets one gets a fresh interpreter.
_STARTUP_VARIABLES = ("PYTHON", "LC_", "LANG")

_ZYGOTE = r"""
import atexit, importlib, json, os, runpy, socket, sys, traceback
for name in sys.argv[2:]:
    importlib.import_module(name)
channel = socket.socket(fileno=int(sys.argv[1]))


def run(request):
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = [request["argv0"], *request["args"]]
    sys.path[0] = request["cwd"]  # what `python -m` puts first
    code = 0
    try:
        runpy.run_module("avtal", run_name="__main__", alter_sys=True)
    except SystemExit as done:  # as the interpreter turns sys.exit(x) into an exit status
        if done.code is None:
            code = 0
        elif isinstance(done.code, int):
            code = done.code
        else:
            print(done.code, file=sys.stderr)
            code = 1
    except BaseException:
        traceback.print_exc()
        code = 1
    atexit._run_exitfuncs()
    return code


while True:
    message, fds, _, _ = socket.recv_fds(channel, 1 << 20, 3)
    if not message:
        break
    request = json.loads(message)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            channel.close()
            for target, fd in enumerate(fds):
                os.dup2(fd, target)
                os.close(fd)
            code = run(request)
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code & 0xFF)
    for fd in fds:
        os.close(fd)
    _, status, usage = os.wait4(pid, 0)
    channel.send(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime]).encode())
"""


class _Zygote:
    """One interpreter with avtal imported, forked once per command; one per pytest process."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)  # one message per send
        self.channel = ours
        self.process = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE, str(theirs.fileno()), *PRELOAD],
            pass_fds=[theirs.fileno()], env=env, cwd=tempfile.gettempdir(),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=None,
        )
        theirs.close()

    def run(self, args, cwd, env) -> subprocess.CompletedProcess:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, open(os.devnull, "rb") as stdin:
            request = {"args": list(args), "cwd": os.path.abspath(cwd), "env": dict(env),
                       "argv0": os.path.join(os.path.dirname(_avtal_package()), "__main__.py")}
            socket.send_fds(self.channel, [json.dumps(request).encode()],
                            [stdin.fileno(), out.fileno(), err.fileno()])
            reply = self.channel.recv(64)
            if not reply:
                raise RuntimeError("the zygote of avtal_process ended (see its output above)")
            code, cpu = json.loads(reply)
            global forked_cpu
            forked_cpu += cpu
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess([sys.executable, "-m", "avtal", *args], code,
                                               _text(out.read()), _text(err.read()))

    def close(self) -> None:
        self.channel.close()
        self.process.wait(timeout=30)


def _avtal_package() -> str:
    import avtal

    return os.path.join(os.path.dirname(avtal.__file__), "__init__.py")


def _text(data: bytes) -> str:
    """As subprocess.run(text=True) decodes: the locale's encoding, universal newlines."""
    import io

    return io.TextIOWrapper(io.BytesIO(data), encoding=None).read()


# Two zygotes in turn: an interpreter chooses its hash seed when it starts (see the docstring).
ZYGOTES = 2
_zygotes: list[_Zygote] = []
_turn = 0
_lock = threading.Lock()
forked_cpu = 0.0  # processor time of the forked commands so far (they are the zygotes' children, not ours)


def _startup(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if k.startswith(_STARTUP_VARIABLES)}


def run_avtal(args, cwd, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`python -m avtal *args` in `cwd` with `env`, output captured as text: like subprocess.run(...)."""
    global _turn
    if os.environ.get("AVTAL_TEST_FRESH_PROCESS") != "1" and hasattr(os, "fork"):
        with _lock:
            if not _zygotes:
                _zygotes.extend(_Zygote({**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}) for _ in range(ZYGOTES))
                atexit.register(lambda: [zygote.close() for zygote in _zygotes])
            zygote = _zygotes[_turn % ZYGOTES]
            if _startup(zygote.env) == _startup(env):
                _turn += 1
                return zygote.run(args, cwd, env)
    return subprocess.run([sys.executable, "-m", "avtal", *args], cwd=cwd, capture_output=True, text=True, env=env)
