"""Drive a real JupyterLab in headless Chromium: the harness for the browser tests.

Tests in tests/ import it as a plain module (pytest puts tests/ on sys.path
because tests/ has no __init__.py):

    from jupyterlab_browser import jupyterlab

    def test_lesson_04_slider():
        with jupyterlab() as lab, lab.notebook("lessons/04-....ipynb") as nb:
            nb.run_all()                                  # Run > Run All Cells, wait until done
            before = nb.text("nudge-cost")                # visible text of the widget with that CSS class
            nb.press_slider("nudge-weight", steps=+3)     # focus the handle, ArrowRight x 3
            assert nb.slider_readout("nudge-weight") == "0.75"
            after = nb.wait_for_text_change("nudge-cost", before)
            nb.set_slider("nudge-weight", -1.0)           # type into the slider's readout box
            nb.wait_for_text("nudge-cost", "0.123456")    # exact expected text
            assert nb.kernel_errors == []                 # no cell or widget callback raised

Widgets are found by a CSS class the notebook gives them with
`widget.add_class("nudge-...")`; each class must name exactly one widget on the page.
`nb.page` is the Playwright page for anything else. Mark browser tests
`@pytest.mark.browser` and `@pytest.mark.xdist_group("browser")`, so that under
`pytest -n 2 --dist loadgroup` they share one worker instead of running two
JupyterLabs and two Chromiums side by side on a 2-core machine.

What `jupyterlab()` does, and why:
- serves a temporary COPY of the repository (so JupyterLab never writes outputs,
  checkpoints or autosaves into the committed notebooks) from its root, so a
  notebook opened as "lessons/NN-....ipynb" runs with cwd lessons/, exactly as
  under nbval and the run-twice test;
- gives JupyterLab its own temporary config, data, runtime, settings, workspace
  and IPython directories, so nothing on the machine (or left from a previous
  run) changes what the test sees; settings switch off news, update checks, the
  extension manager and autosave, and attach every cell to the DOM;
- runs notebooks' "python3" kernel with this interpreter (sys.executable), so the
  kernel imports the same `helpers`, ipywidgets and numpy as the test process;
- starts Debian's Chromium (never a downloaded one) through Playwright;
- one server and one browser per test process (the browser tests share a worker), each
  notebook's kernel shut down when its page closes, everything stopped when the process
  ends, also when a test fails.

`lab.notebook(...)` saves a full-page screenshot to
test-artifacts/screenshots/<name>.png when its `with` block ends, pass or fail.

If Chromium or Playwright is missing the test is skipped locally and FAILS
under CI=true (CI must not silently skip the real-browser test).
"""

import atexit
import contextlib
import functools
import http.server
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

# Debian's package; CI installs it with apt. CHROMIUM_PATH may point elsewhere locally.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox",        # no sandbox: CI runs as root
    "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}

# Never copied into the served tree: big, irrelevant, or written by the tests themselves.
_NOT_SERVED = shutil.ignore_patterns(
    ".git", ".venv*", "test-artifacts", "__pycache__", ".pytest_cache",
    ".ipynb_checkpoints", "*.egg-info", "build", ".benchmarks", "node_modules",
)

# User settings written into the temporary JUPYTERLAB_SETTINGS_DIR.
_LAB_SETTINGS = {
    # No "Would you like to receive Jupyter news?" toast, no request to the internet.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # The extension manager queries PyPI on start-up; these machines only reach registries.
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
    # Belt and braces with the temporary copy: the test never writes a notebook.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # The default windowing leaves off-screen cells unrendered or detached; the
    # harness reads every cell's prompt and looks for widgets anywhere in the notebook.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}

_SERVER_START_TIMEOUT = 90      # seconds; JupyterLab usually answers in 2-5 s
_NOTEBOOK_OPEN_TIMEOUT = 90     # page load + kernel start
_RUN_ALL_TIMEOUT = 300          # a whole lesson; each cell is meant to stay under ~5 s
_WIDGET_TIMEOUT = 30            # one widget round trip browser -> kernel -> browser


# ----- entry point -------------------------------------------------------------------------

@contextlib.contextmanager
def jupyterlab(root=REPO_ROOT, *, startup_timeout=_SERVER_START_TIMEOUT):
    """A JupyterLab serving a copy of `root`, with headless Chromium; yield a `JupyterLab`.

    One per test process: the first call starts it, later calls get the same one (the
    browser tests share a worker), so each test pays for its notebook's kernel only, not
    for a server and a browser of its own. A server or browser that died is started anew.
    Skips (locally) or fails (CI=true) when Chromium or Playwright is missing.
    Everything is stopped when the test process ends.
    """
    _require_browser()
    lab = _running.get(Path(root))
    if lab is None or not lab.alive():
        if lab is not None:
            lab.close()
        lab = _running[Path(root)] = JupyterLab.start(root, startup_timeout)
    yield lab


_running = {}        # root -> its running JupyterLab, shared by the tests of this process


@contextlib.contextmanager
def serving(folder):
    """`folder` served over HTTP on 127.0.0.1 (a free port), quietly; yields its base URL (the site's tests)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium of this test process's one Playwright, closed when the block ends (the site's and
    JupyterLite's tests). Playwright's sync API allows one running instance per thread, and those tests share a
    pytest worker with the JupyterLab harness: each launches its own browser from the same Playwright.
    Skips (locally) or fails (CI=true) when Chromium or Playwright is missing."""
    browser = _launch_chromium()
    try:
        yield browser
    finally:
        with contextlib.suppress(Exception):
            browser.close()


def _launch_chromium():
    return shared_playwright().chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def shared_playwright():
    """This process's Playwright, started on first use (skip or fail as _require_browser says), stopped at exit."""
    if _playwright.get("running") is None:
        _playwright["running"] = _require_browser()().start()
    return _playwright["running"]


_playwright = {}


@atexit.register
def _stop_every_lab():
    for lab in _running.values():
        lab.close()
    _running.clear()
    if _playwright.get("running") is not None:
        with contextlib.suppress(Exception):
            _playwright.pop("running").stop()


def _require_browser():
    """Return Playwright's `sync_playwright`, or skip/fail the test saying what to install."""
    problems = []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
        problems.append('the Python package playwright (pip install -e ".[test]")')
    if not os.access(CHROMIUM, os.X_OK):
        problems.append(f"{CHROMIUM}, which is missing (install Debian's chromium: apt-get install chromium)")
    if problems:
        message = "the real-browser test needs " + " and ".join(problems)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: this must not be skipped)", pytrace=False)
        pytest.skip(message)
    return sync_playwright


# ----- the server --------------------------------------------------------------------------

class _LabServer:
    """One `python -m jupyterlab` process with private directories, a free port and a token."""

    def __init__(self, root_dir, tmp):
        self.root_dir = root_dir
        self.tmp = tmp
        self.port = _free_port()
        self.token = secrets.token_hex(24)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "jupyterlab.log"
        self.process = None

    def _environment(self):
        dirs = {name: self.tmp / name.lower() for name in (
            "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
            "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR")}
        for path in dirs.values():
            path.mkdir(parents=True)

        for plugin, settings in _LAB_SETTINGS.items():
            path = dirs["JUPYTERLAB_SETTINGS_DIR"] / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings, indent=2))

        # JUPYTER_DATA_DIR comes first on the kernel search path, so this "python3"
        # wins over any other on the machine and runs the test's own interpreter.
        kernel_dir = dirs["JUPYTER_DATA_DIR"] / "kernels" / "python3"
        kernel_dir.mkdir(parents=True)
        (kernel_dir / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }, indent=2))

        env = dict(os.environ)
        env.update({name: str(path) for name, path in dirs.items()})
        return env

    def start(self, timeout):
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",               # fail loudly rather than move to another port
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.allow_root=True",              # CI runs as root
            "--ServerApp.terminals_enabled=False",
            "--LabApp.expose_app_in_browser=True",      # window.jupyterapp: notebook() opens documents with it
        ]
        with open(self.log_path, "wb") as log:
            # Own session, so a hard kill takes the whole process group with it.
            self.process = subprocess.Popen(
                command, cwd=self.root_dir, env=self._environment(),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        self._wait_until_answering(timeout)

    def _wait_until_answering(self, timeout):
        deadline = time.monotonic() + timeout
        request = urllib.request.Request(
            f"{self.base_url}/api/status", headers={"Authorization": f"token {self.token}"})
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"JupyterLab exited with code {self.process.returncode} before answering.\n"
                    + self.log_tail())
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"JupyterLab did not answer on {self.base_url} within {timeout} s.\n"
                           + self.log_tail())

    def log_tail(self, lines=40):
        """The last lines of the server's log: start-up problems, kernel starts and deaths."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no JupyterLab log)"
        tail = "\n".join(text.splitlines()[-lines:])
        return f"--- last {lines} lines of the JupyterLab log ---\n{tail}"

    def stop(self):
        """SIGTERM (JupyterLab then shuts its kernels down), SIGKILL the group if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----- the lab, as the test sees it --------------------------------------------------------

class JupyterLab:
    """A running JupyterLab plus a headless Chromium; open notebooks with `notebook()`."""

    def __init__(self, server, browser, tmp=None):
        self._server = server
        self._browser = browser
        self._tmp = tmp
        self.base_url = server.base_url
        self.root_dir = server.root_dir          # the temporary copy being served
        self._page = None                        # JupyterLab's page, where notebook() opens each notebook
        self._side_panel_at_start = None

    @classmethod
    def start(cls, root, startup_timeout):
        """Copy `root` to a temporary folder, serve it with JupyterLab and launch Chromium."""
        tmp = tempfile.TemporaryDirectory(prefix="nudge-jupyterlab-", ignore_cleanup_errors=True)
        served = Path(tmp.name) / "root"
        shutil.copytree(root, served, ignore=_NOT_SERVED, symlinks=True)
        server = _LabServer(served, Path(tmp.name))
        browser = None
        try:
            server.start(startup_timeout)
            browser = _launch_chromium()
        except BaseException:
            cls(server, browser, tmp).close()
            raise
        return cls(server, browser, tmp)

    def alive(self):
        """True while the server answers requests and the browser is connected."""
        return (self._server.process is not None and self._server.process.poll() is None
                and self._browser is not None and self._browser.is_connected())

    def close(self):
        """Stop the browser and the server (its kernels with it), and remove the copy (Playwright, shared by the
        process, stops when it ends)."""
        for stop in (getattr(self._browser, "close", None), self._server.stop, getattr(self._tmp, "cleanup", None)):
            if stop is not None:
                with contextlib.suppress(Exception):
                    stop()

    def _request(self, method, api_path):
        request = urllib.request.Request(f"{self.base_url}{api_path}", method=method,
                                         headers={"Authorization": f"token {self._server.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response) if response.status == 200 else None

    @contextlib.contextmanager
    def blank_page(self, viewport=None):
        """A page of this lab's browser outside JupyterLab (for a hand-made page); closed when the block ends."""
        context = self._browser.new_context(viewport=viewport or VIEWPORT)
        try:
            yield context.new_page()
        finally:
            context.close()

    def shut_down_kernel(self, path):
        """End the session (and kernel) of notebook `path`, so the next test's kernel has the cores."""
        for session in self._request("GET", "/api/sessions") or []:
            if session.get("path") == path:
                self._request("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, lines=40):
        return self._server.log_tail(lines)

    def kernel_state(self, path):
        """The server's view of the kernel of notebook `path`: 'idle', 'busy', 'starting', ... or None."""
        for session in self._request("GET", "/api/sessions") or []:
            if session.get("path") == path and session.get("kernel"):
                return session["kernel"].get("execution_state")
        return None

    @contextlib.contextmanager
    def notebook(self, path, *, screenshot=None, timeout=_NOTEBOOK_OPEN_TIMEOUT, viewport=None, side_panel=None):
        """Open `path` (relative to the served root) in JupyterLab's page; yield a `Notebook`.

        Waits until the notebook is shown and its kernel is idle. `viewport`
        ({"width": ..., "height": ...}, default VIEWPORT) sizes the browser window;
        side_panel=True opens the left side panel (the file browser), False closes
        it, None leaves it as JupyterLab starts. When the block ends, pass or fail,
        saves test-artifacts/screenshots/<screenshot>.png (default name: the
        current test's name), closes the notebook and shuts its kernel down.

        One JupyterLab page serves every notebook of the run, opened with its own
        "open document" command: loading JupyterLab's page again takes 6-10 s per
        notebook on a 2-core machine, opening a document in it about one. After a
        failure the page is thrown away, so the next test starts from a fresh one.
        """
        if not (self.root_dir / path).is_file():
            raise FileNotFoundError(f"{path} is not in the served copy of the repository")
        page = self._lab_page(timeout)
        page.set_viewport_size(viewport or VIEWPORT)
        cells = json.loads((self.root_dir / path).read_text(encoding="utf-8"))["cells"]
        notebook = Notebook(page, self, Path(path).as_posix(), cells)
        # Listen before opening, so no kernel message is missed: every websocket opened from now on is this notebook's.
        listener = lambda ws: ws.on("framereceived", notebook._record_kernel_error)  # noqa: E731
        page.on("websocket", listener)
        passed = False
        try:
            page.evaluate("path => window.jupyterapp.commands.execute('docmanager:open', "
                          "{path, factory: 'Notebook'}).then(() => true)", notebook.path)
            notebook._wait_until_open(timeout)
            notebook.show_side_panel(self._side_panel_at_start if side_panel is None else side_panel)
            yield notebook
            passed = True
        finally:
            with contextlib.suppress(Exception):   # never hide the test's own error
                notebook.screenshot(screenshot or _current_test_name() or Path(path).stem)
            page.remove_listener("websocket", listener)
            try:
                if not passed:
                    raise RuntimeError("start the next test from a fresh page")
                page.evaluate(_CLOSE_EVERY_NOTEBOOK)
            except Exception:
                self._close_lab_page()
            with contextlib.suppress(Exception):
                self.shut_down_kernel(notebook.path)

    def _lab_page(self, timeout):
        """The JupyterLab page the notebooks open in: loaded once, with a fresh workspace (no tabs restored)."""
        if self._page is not None and not self._page.is_closed():
            return self._page
        context = self._browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        try:
            page.goto(f"{self.base_url}/lab?reset&token={self._server.token}",
                      wait_until="domcontentloaded", timeout=timeout * 1000)
            # The app object exists once JupyterLab's scripts have run (--LabApp.expose_app_in_browser).
            page.wait_for_function("() => window.jupyterapp !== undefined", timeout=timeout * 1000)
            page.evaluate("() => window.jupyterapp.restored.then(() => true)")
            page.evaluate(_CLOSE_EVERY_NOTEBOOK)   # JupyterLab reopens its Launcher: each test sees it + notebook
            tab = page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="filebrowser"]')
            self._side_panel_at_start = "lm-mod-current" in (tab.get_attribute("class") or "")
        except BaseException:
            context.close()
            raise
        self._page = page
        return page

    def _close_lab_page(self):
        if self._page is not None:
            with contextlib.suppress(Exception):
                self._page.context.close()
        self._page = None


# Closes every open notebook (and its kernel), and any other tab, in the JupyterLab page without a
# "Save changes?" dialog: the tests run notebooks in a throw-away copy and never save.
_CLOSE_EVERY_NOTEBOOK = """async () => {
  const app = window.jupyterapp;
  for (const widget of [...app.shell.widgets('main')]) {
    if (widget.sessionContext) { await widget.sessionContext.shutdown(); }
    if (widget.context) { widget.context.model.dirty = false; }
    widget.dispose();
  }
  return true;
}"""


def _current_test_name():
    """'test_file-test_name[param]' from pytest's PYTEST_CURRENT_TEST, file-name safe."""
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    if not current:
        return None
    node = current.rsplit(" ", 1)[0]                     # drop " (call)"
    node = node.split("/")[-1].replace(".py::", "-")
    return re.sub(r"[^A-Za-z0-9_.\-\[\]]+", "_", node)


class Notebook:
    """One open notebook page: run it, find widgets by CSS class, move sliders, read text.

    `page` is the Playwright page, for anything the helpers below do not cover.
    """

    _PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

    def __init__(self, page, lab, path, cells):
        self.page = page
        self.path = path          # relative to the served root, e.g. "lessons/04-....ipynb"
        self._lab = lab
        self._n_cells = len(cells)
        # Cells tagged raises-exception show an error on purpose; Run All goes on past them.
        self._intended_errors = sum("raises-exception" in c.get("metadata", {}).get("tags", [])
                                    for c in cells)
        self.kernel_errors = []   # "ZeroDivisionError: division by zero\n<traceback>", in order

    def _record_kernel_error(self, frame):
        """Keep every iopub 'error' message: a cell or a widget callback raised."""
        message = _parse_kernel_message(frame)
        if message and message["header"].get("msg_type") == "error":
            content = message["content"]
            traceback = _strip_ansi("\n".join(content.get("traceback", [])))
            self.kernel_errors.append(f"{content.get('ename')}: {content.get('evalue')}\n{traceback}")

    def _errors_since(self, n_before):
        new = self.kernel_errors[n_before:]
        return ("\nkernel errors:\n" + "\n\n".join(new)[-4000:]) if new else ""

    # -- running --

    def _wait_until_open(self, timeout):
        """Wait until all the notebook's cells are in the page and the kernel is idle.

        The notebook element appears before its cells do; Run All clicked in
        between would run an empty notebook.
        """
        deadline = time.monotonic() + timeout
        cells = self.page.locator(f"{self._PANEL} .jp-Notebook .jp-Cell")
        _wait_until(lambda: self._fail_on_dialog() or cells.count() == self._n_cells, timeout,
                    lambda: f"the notebook's {self._n_cells} cells to appear ({cells.count()} so far)\n"
                            + self._lab.log_tail())
        self.wait_for_kernel_idle(timeout=max(1.0, deadline - time.monotonic()))

    def kernel_status(self):
        """'idle', 'busy', 'connecting', ... as the notebook's toolbar indicator shows it.

        Before any kernel exists the indicator says 'idle' too: see `wait_for_kernel_idle`.
        """
        indicator = self.page.locator(f"{self._PANEL} .jp-Notebook-ExecutionIndicator")
        if indicator.count() == 0:
            return "unknown"
        return indicator.first.get_attribute("data-status") or "unknown"

    def wait_for_kernel_idle(self, timeout=_NOTEBOOK_OPEN_TIMEOUT):
        """Wait until this notebook's kernel exists and is idle, for the server AND the page.

        The page alone is not enough: its indicator shows 'idle' before the kernel
        is even requested, and Run All clicked then opens a "Select Kernel" dialog.
        The server's session appears only after the page has left that state, so
        asking the server first and the page second sees the real 'idle'.
        """
        def idle():
            self._fail_on_dialog()
            return self._lab.kernel_state(self.path) == "idle" and self.kernel_status() == "idle"

        _wait_until(idle, timeout, lambda: (
            f"the kernel to be idle (server: {self._lab.kernel_state(self.path)!r}, "
            f"page: {self.kernel_status()!r})\n" + self._lab.log_tail()))

    def run_all(self, timeout=_RUN_ALL_TIMEOUT):
        """Run > Run All Cells, then wait until no cell is queued or running and the kernel is idle.

        Raises AssertionError when a cell fails (its error text included); cells
        tagged `raises-exception` may fail, as under nbval.
        """
        errors_before = len(self.kernel_errors)
        count_before = max((c["count"] for c in self._code_cells() if c["count"] is not None),
                           default=0)
        # The menu, as a learner would: JupyterLab 4 exposes no app object to call commands on.
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

        def finished():
            self._fail_on_dialog()
            cells = self._code_cells()
            if any(c["running"] for c in cells) or self.kernel_status() != "idle":
                return False
            # Right after the click nothing may be queued yet: wait for the first new count.
            runnable = [c for c in cells if not c["empty"]]
            return not runnable or any((c["count"] or 0) > count_before for c in runnable)

        _wait_until(finished, timeout, lambda: "all cells to finish; prompts now: "
                    + " ".join(c["prompt"] for c in self._code_cells())
                    + self._errors_since(errors_before) + "\n" + self._lab.log_tail())

        not_run = [i for i, c in enumerate(self._code_cells())
                   if not c["empty"] and (c["count"] or 0) <= count_before]
        if not_run or len(self.kernel_errors) - errors_before > self._intended_errors:
            raise AssertionError(f"Run All failed; code cells not run (0-based): {not_run}"
                                 + self._errors_since(errors_before))

    def _code_cells(self):
        """Per code cell: its prompt text, execution count, running/queued flag, emptiness."""
        cells = self.page.eval_on_selector_all(
            f"{self._PANEL} .jp-Notebook .jp-CodeCell",
            """cells => cells.map(cell => ({
                prompt: (cell.querySelector('.jp-InputPrompt')?.textContent || '').trim(),
                empty: (cell.querySelector('.cm-content')?.textContent || '').trim() === '',
            }))""")
        for cell in cells:
            match = re.search(r"\[(\d+)\]", cell["prompt"])
            cell["count"] = int(match.group(1)) if match else None
            cell["running"] = "[*]" in cell["prompt"]
        return cells

    def _fail_on_dialog(self):
        """A modal dialog (kernel died, choose a kernel, ...) would block forever: fail with its text."""
        dialog = self.page.locator(".jp-Dialog")
        if dialog.count():
            raise AssertionError("JupyterLab shows a dialog:\n" + dialog.first.inner_text()
                                 + "\n" + self._lab.log_tail())
        return False

    def show_side_panel(self, shown=True, panel="filebrowser"):
        """Open (or close) JupyterLab's left side panel on `panel`, as a click on its sidebar tab does."""
        tab = self.page.locator(f'.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="{panel}"]')
        is_open = lambda: "lm-mod-current" in (tab.get_attribute("class") or "")   # noqa: E731
        if is_open() != shown:
            tab.click()
        _wait_until(lambda: is_open() == shown, _WIDGET_TIMEOUT,
                    lambda: f"the side panel {panel!r} to be {'open' if shown else 'closed'}")

    # -- widgets --

    def widget(self, css_class):
        """Playwright locator of the one element carrying `css_class` (from widget.add_class)."""
        return self.page.locator(f"{self._PANEL} .{css_class}")

    def text(self, css_class, timeout=_WIDGET_TIMEOUT):
        """The visible text of the widget with `css_class`, stripped (waits for it to render)."""
        return self.widget(css_class).inner_text(timeout=timeout * 1000).strip()

    def slider_readout(self, css_class, timeout=_WIDGET_TIMEOUT):
        """The slider's own readout, e.g. '-1.25' (formatted by its readout_format).

        d3-format writes negatives with U+2212 MINUS SIGN; this returns an ASCII '-'.
        """
        readout = self.widget(css_class).locator(".widget-readout")
        return readout.inner_text(timeout=timeout * 1000).strip().replace("\u2212", "-")

    def press_slider(self, css_class, steps):
        """Move a slider by `steps` of its step size: focus its handle, press ArrowRight/ArrowLeft.

        Like a learner using the keyboard; the value changes by exactly steps * step.
        """
        # noUi-handle: ipywidgets 8 controls; ui-slider-handle: ipywidgets 7 controls.
        handle = self.widget(css_class).locator(".noUi-handle, .ui-slider-handle").first
        handle.focus(timeout=_WIDGET_TIMEOUT * 1000)
        key = "ArrowRight" if steps > 0 else "ArrowLeft"
        for _ in range(abs(steps)):
            handle.press(key)

    def set_slider(self, css_class, value):
        """Type `value` into the slider's editable readout and press Enter."""
        readout = self.widget(css_class).locator(".widget-readout")
        readout.fill(str(value), timeout=_WIDGET_TIMEOUT * 1000)   # works on the contenteditable box
        readout.press("Enter")

    def wait_for_text(self, css_class, expected, timeout=_WIDGET_TIMEOUT):
        """Wait until the widget's text equals `expected`; return it. Fails showing the last text."""
        last = [None]

        def matches():
            last[0] = self.text(css_class)
            return last[0] == expected

        errors_before = len(self.kernel_errors)
        _wait_until(matches, timeout,
                    lambda: f".{css_class} to read {expected!r} (it reads {last[0]!r})"
                            + self._errors_since(errors_before))
        return expected

    def wait_for_text_change(self, css_class, old, timeout=_WIDGET_TIMEOUT):
        """Wait until the widget's text differs from `old`; return the new text.

        After several key presses this may return an intermediate value: when
        the final text is known, prefer `wait_for_text`.
        """
        last = [old]

        def changed():
            last[0] = self.text(css_class)
            return last[0] != old

        errors_before = len(self.kernel_errors)
        _wait_until(changed, timeout, lambda: f".{css_class} to change from {old!r}"
                    + self._errors_since(errors_before))
        return last[0]

    # -- evidence --

    def screenshot(self, name):
        """Save a full-page PNG as test-artifacts/screenshots/<name>.png; return its path."""
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _parse_kernel_message(frame):
    """A kernel message from one JupyterLab websocket frame, or None.

    JupyterLab 4 speaks the binary "v1.kernel.websocket.jupyter.org" protocol:
    uint64 LE count n, n uint64 LE offsets, then the parts channel, header,
    parent_header, metadata, content, buffers... Older servers send one JSON text frame.
    """
    try:
        if isinstance(frame, str):           # other sockets (events, LSP) send other JSON too
            message = json.loads(frame)
            header, content = message["header"], message["content"]
        else:
            if b'"error"' not in frame:      # cheap filter: most frames are not errors
                return None
            n = int.from_bytes(frame[:8], "little")
            offsets = [int.from_bytes(frame[8 * i:8 * i + 8], "little") for i in range(1, n + 1)]
            parts = [frame[start:end] for start, end in zip(offsets, offsets[1:] + [len(frame)])]
            header, content = json.loads(parts[1]), json.loads(parts[4])
        if isinstance(header, dict) and isinstance(content, dict):
            return {"header": header, "content": content}
    except (ValueError, IndexError, KeyError, TypeError):
        pass
    return None


def _strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _wait_until(condition, timeout, describe, interval=0.1):
    """Poll `condition()` until true; after `timeout` s raise TimeoutError('waited for ...')."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {describe()}")
        time.sleep(interval)
