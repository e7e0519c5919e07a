"""The CodeMode kernel: runs agent code for one session, with the standard library only.

The host (CodeModeSession) starts it as `python -c <this source> IN OUT LIMIT SANDBOX`. It speaks JSON
lines on the private pipe pair IN (requests, replies) and OUT (results, calls), never on
stdout: whatever user code prints, even straight to file descriptors 1 and 2, cannot
corrupt the protocol. Bytes cross as {"__bytes__": "<base64>"}.

host -> kernel: {"op": "run", "id", "code"}; {"op": "reply", "id", "result" | "error": {"type", "message"}}
kernel -> host: {"op": "ready"}; {"op": "call", "run", "id", "method", "params"};
                {"op": "done", "run", "value", "stdout", "stderr", "error"}
Every message of a cell carries the cell's id ("run"), and a reply the id of its call, so
neither side ever takes an answer meant for another request.

A child the kernel forks (os.fork in a cell) must never speak on the pipes: it would answer
for the kernel. At the fork its protocol descriptors are pointed at /dev/null, a namespace
call in it raises, and it exits quietly where the kernel would send a cell's result.
"""

import ast
import base64
import collections
import errno
import fcntl
import hashlib
import io
import json
import linecache
import math
import os
import signal
import sys
import tempfile
import threading
import traceback

KERNEL_GLOBALS = globals()
KERNEL_PID = os.getpid()
PROTOCOL_IN = os.fdopen(int(sys.argv[1]), "rb")
PROTOCOL_OUT = os.fdopen(int(sys.argv[2]), "wb")
OUTPUT_LIMIT = int(sys.argv[3])
# In a sandbox, the limits the kernel sets for itself before it runs anything (and agent code
# cannot raise again), and their names for messages; {} outside one.
SANDBOX_LIMITS = json.loads(sys.argv[4])
CO_COROUTINE = 0x80

# Programs the cell runs (os.system, subprocess) never inherit the pipes.
os.set_inheritable(PROTOCOL_IN.fileno(), False)
os.set_inheritable(PROTOCOL_OUT.fileno(), False)


def is_forked_child():
    return os.getpid() != KERNEL_PID


def leave_protocol_in_child():
    """In a forked child: the pipes become /dev/null, so the child can neither read the host's
    requests nor answer them, and holds no end of them open after the kernel exits."""
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, PROTOCOL_IN.fileno(), inheritable=False)
    os.dup2(null, PROTOCOL_OUT.fileno(), inheritable=False)
    os.close(null)


os.register_at_fork(after_in_child=leave_protocol_in_child)

# --- Output capture ---------------------------------------------------------------------------


class Capture(io.TextIOBase):
    """sys.stdout or sys.stderr during a cell: keeps the first OUTPUT_LIMIT characters."""

    def __init__(self, name):
        self.name = name
        self.parts = []
        self.size = 0
        self.dropped = 0

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = max(0, OUTPUT_LIMIT - self.size)
        kept = text[:room]
        if kept:
            self.parts.append(kept)
            self.size += len(kept)
        self.dropped += len(text) - len(kept)
        return len(text)

    def writable(self):
        return True

    def isatty(self):
        return False

    @property
    def encoding(self):
        return "utf-8"

    def text(self):
        text = "".join(self.parts)
        if self.dropped:
            text += (f"\n[{self.dropped:,} more characters of {self.name} not shown: "
                     f"output is capped at {OUTPUT_LIMIT:,} characters a cell]\n")
        return text


class DescriptorOutput:
    """File descriptor 1 or 2, pointed at an unlinked temporary file that is read after each
    cell: what C code and child processes write is captured too, in order with nothing lost
    to a pipe that nobody reads."""

    def __init__(self, fd):
        self.file = tempfile.TemporaryFile()
        self.fd = self.file.fileno()
        fcntl.fcntl(self.fd, fcntl.F_SETFL, fcntl.fcntl(self.fd, fcntl.F_GETFL) | os.O_APPEND)
        os.dup2(self.fd, fd)

    def take(self):
        size = os.fstat(self.fd).st_size
        if size == 0:
            return ""
        data = os.pread(self.fd, min(size, OUTPUT_LIMIT * 4), 0)
        os.ftruncate(self.fd, 0)
        return data.decode("utf-8", "replace")


# --- Protocol ---------------------------------------------------------------------------------


def encode(value):
    """JSON-ready form of a namespace argument or result: bytes tagged, tuples as lists."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(item) for item in value]
    return value


def decode(value):
    if isinstance(value, dict):
        if len(value) == 1 and "__bytes__" in value:
            return base64.b64decode(value["__bytes__"])
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def send(message):
    PROTOCOL_OUT.write(json.dumps(message, ensure_ascii=False, allow_nan=False).encode("utf-8") + b"\n")
    PROTOCOL_OUT.flush()


def receive():
    line = PROTOCOL_IN.readline()
    if not line:
        os._exit(0)  # the host is gone
    return json.loads(line)


class NamespaceError(Exception):
    """An error the host reported for a namespace call: `<ns>.<op>: [<type>] <message>`."""


class SkillError(NamespaceError):
    pass


class ToolError(NamespaceError):
    pass


class ArtifactError(NamespaceError):
    pass


class DepsError(NamespaceError):
    pass


ERRORS = {"skills": SkillError, "tools": ToolError, "artifacts": ArtifactError, "deps": DepsError}
CALL_LOCK = threading.Lock()
CALL_IDS = iter(range(1, 1 << 62))


def call(method, **params):
    """One request to the host, answered before anything else happens on the pipes."""
    if is_forked_child():
        raise RuntimeError(f"{method}: the namespaces are not available in a process forked from the kernel; "
                           "call them in the kernel's own process")
    with CALL_LOCK:
        call_id = next(CALL_IDS)
        send({"op": "call", "run": RUNNING[0], "id": call_id, "method": method, "params": encode(params)})
        reply = receive()
        while reply.get("op") != "reply" or reply.get("id") != call_id:
            reply = receive()  # not the answer to this call: never taken for it
    for path in reply.get("paths", ()):
        # Packages just installed for this session, in the environment new kernels start on.
        import importlib
        import site
        site.addsitedir(path)
        importlib.invalidate_caches()
    if "error" in reply:
        error = reply["error"]
        namespace = method.split(".", 1)[0]
        raise ERRORS.get(namespace, NamespaceError)(f"{method}: [{error['type']}] {error['message']}")
    return decode(reply.get("result"))


# --- Namespaces -------------------------------------------------------------------------------

Skill = collections.namedtuple("Skill", "name description params")
ArtifactMeta = collections.namedtuple("ArtifactMeta", "name path description created_at")
SyncResult = collections.namedtuple("SyncResult", "installed already_present failed")


def run_coroutine(coroutine):
    """Runs a coroutine to its end from synchronous code, inside a running loop or not."""
    import asyncio
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return event_loop().run_until_complete(coroutine)
    # Called synchronously from async code (a skill calling a skill): the running loop is
    # busy with the caller, so this one gets a loop of its own in a worker thread.
    outcome = {}

    def worker():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=worker, name="codemode-skill")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


class Skills:
    """`skills`: the session's skill library, read from the host at each call."""

    def __init__(self):
        self._compiled = {}
        # The last listing and the host's version of it: listed again only when it changed.
        self._listed = (None, [])

    def list(self):
        reply = call("skills.list", known=self._listed[0])
        if "skills" in reply:
            self._listed = (reply["version"], [Skill(**entry) for entry in reply["skills"]])
        return list(self._listed[1])

    def search(self, query, limit=5):
        return [Skill(**entry) for entry in call("skills.search", query=query, limit=limit)]

    def get(self, name):
        return call("skills.get", name=name)

    def create(self, name, source, description=""):
        return Skill(**call("skills.create", name=name, source=source, description=description))

    def delete(self, name):
        return call("skills.delete", name=name)

    def invoke(self, skill_name, **kwargs):
        found = call("skills.load", name=skill_name)
        if found is None:
            raise ValueError(f"Skill not found: {skill_name}")
        run = self._load(skill_name, found["source"], found["path"])
        result = run(**kwargs)
        if hasattr(result, "__await__"):
            result = run_coroutine(result)
        return result

    def _load(self, name, source, path):
        """The skill's `run`, from code compiled once per content."""
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()
        code = self._compiled.get(key)
        if code is None:
            code = compile(source, path, "exec")
            self._compiled[key] = code
        # Tracebacks show the skill's lines under its path.
        linecache.cache[path] = (len(source), None, source.splitlines(True), path)
        scope = {"__name__": f"skill_{name}", "__builtins__": __builtins__}
        scope.update(namespaces())
        exec(code, scope)
        return scope["run"]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda **kwargs: self.invoke(name, **kwargs)

    def __repr__(self):
        return "<skills: list(), search(query), get(name), create(name, source), delete(name), invoke(name, **args)>"


class Artifacts:
    """`artifacts`: named values (text, JSON, bytes) kept in the session's storage."""

    def save(self, name, data, description=""):
        if not isinstance(data, (str, bytes, bytearray, memoryview, dict, list)):
            data = str(data)  # as py-code-mode stores numbers, None, tuples...
        return ArtifactMeta(**call("artifacts.save", name=name, data=data, description=description))

    def load(self, name):
        return call("artifacts.load", name=name)

    def list(self):
        return [ArtifactMeta(**entry) for entry in call("artifacts.list")]

    def get(self, name):
        entry = call("artifacts.get", name=name)
        return None if entry is None else ArtifactMeta(**entry)

    def exists(self, name):
        return call("artifacts.exists", name=name)

    def delete(self, name):
        call("artifacts.delete", name=name)

    def __repr__(self):
        return "<artifacts: save(name, data), load(name), list(), get(name), exists(name), delete(name)>"


def tool_argument(value):
    """What a tool call needs of an argument, computed here where the Python value is: for
    argv its str() and truth, for an MCP tool the value itself (its str() when not JSON)."""
    items = [str(item) for item in value] if isinstance(value, (list, tuple)) else None
    encoded = encode(value)
    return {"text": str(value), "truthy": bool(value), "items": items,
            "value": encoded if is_json(encoded) else str(value)}


class Tool:
    """`tools.<name>`: call it (`tools.curl(url=...)`) or one of its recipes (`tools.curl.get(url=...)`)."""

    def __init__(self, name):
        self._name = name

    def __call__(self, **kwargs):
        return call_tool(self._name, kwargs)

    def list(self):
        return call("tools.list_recipes", name=self._name)

    def __getattr__(self, recipe):
        if recipe.startswith("_"):
            raise AttributeError(recipe)
        return lambda **kwargs: call_tool(f"{self._name}.{recipe}", kwargs)

    def __repr__(self):
        return f"<tool {self._name}: call it, or a recipe: tools.{self._name}.<recipe>(...); tools.{self._name}.list()>"


def call_tool(name, kwargs):
    return call("tools.call", name=name, args={key: tool_argument(value) for key, value in kwargs.items()})


class Tools:
    """`tools`: the library's command-line tools, each call run by the host without a shell."""

    def list(self):
        return call("tools.list")

    def search(self, query, limit=10):
        return call("tools.search", query=query, limit=limit)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return Tool(name)

    def __repr__(self):
        return "<tools: list(), search(query), tools.<name>(...), tools.<name>.<recipe>(...)>"


class Deps:
    """`deps`: the library's Python dependencies, installed where this kernel imports from."""

    def add(self, package):
        return SyncResult(**{key: tuple(value) for key, value in call("deps.add", package=package).items()})

    def remove(self, package):
        return call("deps.remove", package=package)

    def list(self):
        return call("deps.list")

    def sync(self):
        return SyncResult(**{key: tuple(value) for key, value in call("deps.sync").items()})

    def __repr__(self):
        return f"<DepsNamespace: {len(self.list())} packages configured>"


NAMESPACES = {"tools": Tools(), "skills": Skills(), "artifacts": Artifacts(), "deps": Deps()}


def namespaces():
    return NAMESPACES


# --- Cells ------------------------------------------------------------------------------------

USER_GLOBALS = {"__name__": "__main__", "__builtins__": __builtins__}
USER_GLOBALS.update(NAMESPACES)
LOOP = []
CELLS = iter(range(1, 1 << 62))
BUSY = threading.Event()
RUNNING = [None]  # the id of the cell being run, which every message of it carries


def event_loop():
    """One loop for the session's life, so tasks and futures survive from cell to cell: the
    one code outside a coroutine may already have made current (asyncio.ensure_future), else
    a new one, made current."""
    if not LOOP:
        import asyncio
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                loop = asyncio.get_event_loop()
            except RuntimeError:  # Python 3.14 makes no loop on demand
                loop = asyncio.new_event_loop()
        if loop.is_closed():
            loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        LOOP.append(loop)
    return LOOP[0]


def evaluate(code):
    result = eval(code, USER_GLOBALS)
    if code.co_flags & CO_COROUTINE:
        result = event_loop().run_until_complete(result)
    return result


def run_cell(source):
    """Runs a cell as a notebook does: the value of a final expression is its result."""
    filename = f"<cell {next(CELLS)}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    evaluate(compile(tree, filename, "exec", flags=flags))
    if last is None:
        return None
    return evaluate(compile(last, filename, "eval", flags=flags))


def is_json(value, depth=0):
    if depth > 100:
        return False
    if value is None or isinstance(value, (bool, str)):
        return True
    if type(value) is int:
        return -(1 << 63) <= value < (1 << 63)
    if type(value) is float:
        return math.isfinite(value)
    if type(value) is list:
        return all(is_json(item, depth + 1) for item in value)
    if type(value) is dict:
        return all(type(key) is str and is_json(item, depth + 1) for key, item in value.items())
    return False


def result_value(value):
    """JSON values as themselves, anything else as its repr; too large → a shortened repr."""
    if value is None:
        return None
    if is_json(value):
        if len(json.dumps(value)) <= OUTPUT_LIMIT:
            return value
    text = repr(value)
    if len(text) > OUTPUT_LIMIT:
        text = text[:OUTPUT_LIMIT] + f"… [value shortened: its repr has {len(text):,} characters]"
    return text


ASYNCIO_FOLDER = os.path.dirname(ast.__file__) + os.sep + "asyncio" + os.sep


def is_hidden(frame):
    """Frames of the kernel itself and of asyncio's machinery tell the agent nothing."""
    return frame.f_globals is KERNEL_GLOBALS or frame.f_code.co_filename.startswith(ASYNCIO_FOLDER)


def user_traceback(error, seen=None):
    """The traceback text of `error` (and the errors it chains) without hidden frames."""
    seen = seen if seen is not None else set()
    seen.add(id(error))
    if isinstance(error, NamespaceError):
        # Its message says all; the frames would show the kernel's proxy code.
        return f"{type(error).__name__}: {error}\n"
    text = ""
    cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    if cause is not None and id(cause) not in seen and not is_kernel_error(cause):
        link = ("The above exception was the direct cause of the following exception:" if error.__cause__
                else "During handling of the above exception, another exception occurred:")
        text = user_traceback(cause, seen) + f"\n{link}\n\n"
    frames = [(frame, line) for frame, line in traceback.walk_tb(error.__traceback__) if not is_hidden(frame)]
    if frames and not isinstance(error, SyntaxError):
        text += "Traceback (most recent call last):\n"
        text += "".join(traceback.StackSummary.extract(frames).format())
    return text + "".join(traceback.format_exception_only(type(error), error))


def apply_sandbox_limits():
    import resource
    for name, limit in (("memory", resource.RLIMIT_AS), ("processes", resource.RLIMIT_NPROC)):
        if name in SANDBOX_LIMITS:
            resource.setrlimit(limit, (SANDBOX_LIMITS[name], SANDBOX_LIMITS[name]))
    if SANDBOX_LIMITS:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def limit_reached(error):
    """The sandbox limit an exception of agent code ran into, as a sentence; None if none."""
    if isinstance(error, MemoryError) and "memory" in SANDBOX_LIMITS:
        return f"the session's memory limit ({SANDBOX_LIMITS['memory_text']}) was reached"
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT) and "disk_text" in SANDBOX_LIMITS:
        return f"the session's disk limit ({SANDBOX_LIMITS['disk_text']} in /tmp) was reached"
    starting = isinstance(error, OSError) and error.errno == errno.EAGAIN or (
        isinstance(error, RuntimeError) and "can't start new thread" in str(error))
    if starting and "processes" in SANDBOX_LIMITS:
        return f"the session's process limit ({SANDBOX_LIMITS['processes']} processes and threads) was reached"
    return None


def is_kernel_error(error):
    """An exception raised and handled inside the kernel (e.g. 'no running event loop')."""
    frames = list(traceback.walk_tb(error.__traceback__))
    return bool(frames) and all(is_hidden(frame) for frame, _ in frames)


def run_request(source, stdout, stderr):
    captured_out, captured_err = Capture("stdout"), Capture("stderr")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = captured_out, captured_err
    value, error = None, None
    BUSY.set()
    try:
        value = result_value(run_cell(source))
    except BaseException as raised:  # everything, KeyboardInterrupt and SystemExit included
        error = user_traceback(raised)
        reached = limit_reached(raised)
        if reached:
            error += f"\n{reached}.\n"
    finally:
        BUSY.clear()
        sys.stdout, sys.stderr = saved
    if is_forked_child():
        # A child that ran on to the end of the cell: the kernel answers for it, and the
        # captured output files it shares with the kernel are the kernel's to read.
        os._exit(0)
    for capture, descriptor in ((captured_out, stdout), (captured_err, stderr)):
        raw = descriptor.take()
        if raw:
            capture.write(raw)
    send({"op": "done", "run": RUNNING[0], "value": value, "stdout": captured_out.text(),
          "stderr": captured_err.text(), "error": error})


def on_interrupt(signum, frame):
    # The host interrupts a cell that ran out of time; between cells there is nothing to stop.
    if BUSY.is_set():
        raise KeyboardInterrupt


def main():
    apply_sandbox_limits()
    sys.stdin = open(os.devnull)  # input() gets EOF
    stdout, stderr = DescriptorOutput(1), DescriptorOutput(2)
    signal.signal(signal.SIGINT, on_interrupt)
    send({"op": "ready", "pid": os.getpid()})
    while True:
        request = receive()
        if request.get("op") == "run":
            RUNNING[0] = request.get("id")
            run_request(request["code"], stdout, stderr)


main()
