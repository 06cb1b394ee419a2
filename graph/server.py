"""The project-managed Neo4j Community server.

There is no Docker engine on our machines, so Borderless runs Neo4j itself: Maven fetches the
pinned Community server, Neo4j Browser and APOC core (``graph/server/pom.xml``) into a Neo4j home
under the state folder, and the server runs there on loopback, started the way Neo4j's own
launcher starts it (``CommunityEntryPoint`` with the JVM flags the launcher passes).

When ``NEO4J_URI`` is set, the user runs their own server and nothing here is used.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from borderless.errors import PortInUseError, ServerError
from borderless.settings import REPO_ROOT, Settings
from graph.browser import post_connect_commands, write_web_archive
from graph.process import pid_alive, port_taken, rotate_log, runs_neo4j_in

POM = REPO_ROOT / "graph" / "server" / "pom.xml"

# Flags Neo4j 5's own launcher passes to the JVM; Neo4j's off-heap and Netty code needs the opens.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


@dataclass(frozen=True)
class ServerStatus:
    """What `borderless db status` reports."""

    managed: bool
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str | None
    home: Path | None


class Neo4jServer:
    """Fetches, configures, starts and stops the loopback Neo4j in ``settings.neo4j_home``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.neo4j_home

    # -- paths ---------------------------------------------------------------------------------
    @property
    def lib_dir(self) -> Path:
        return self.home / "lib"

    @property
    def plugins_dir(self) -> Path:
        return self.home / "plugins"

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.logs_dir / "console.log"

    @property
    def web_dir(self) -> Path:
        """Where Neo4j looks for a Browser archive to serve instead of the jar's (``<home>/web``)."""
        return self.home / "web"

    @property
    def tmp_dir(self) -> Path:
        """The server JVM's temporary folder (``java.io.tmpdir``), emptied at each start."""
        return self.home / "tmp"

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.settings.http_port}"

    @property
    def browser_url(self) -> str:
        return f"{self.http_base}/browser/"

    # -- install -------------------------------------------------------------------------------
    @property
    def install_marker(self) -> Path:
        return self.lib_dir / ".installed-from-pom"

    def installed(self) -> bool:
        """True when a complete fetch of the current pom's versions is in place.

        The marker is written only after Maven succeeded, and holds the pom's hash: a fetch cut
        short, or a pom that pins other versions now, both mean "fetch again".
        """
        try:
            return self.install_marker.read_text(encoding="utf-8").strip() == _pom_digest()
        except OSError:
            return False

    def install(self) -> None:
        """Fetch the pinned server, Browser and APOC into the Neo4j home (no-op if present).

        Raises:
            ServerError: Java or Maven is missing, or Maven could not fetch the artifacts.
        """
        if self.installed():
            return
        _require_tool("java", "Java 17 (Debian: apt-get install openjdk-17-jre-headless)")
        _require_tool("mvn", "Maven (Debian: apt-get install maven)")
        self.home.mkdir(parents=True, exist_ok=True)
        # Jars of another version left beside the new ones would share one classpath.
        shutil.rmtree(self.lib_dir, ignore_errors=True)
        shutil.rmtree(self.plugins_dir, ignore_errors=True)
        cmd = [
            "mvn", "-q", "-B", "-f", str(POM), "package",
            f"-Dneo4j.lib={self.lib_dir}", f"-Dneo4j.plugins={self.plugins_dir}",
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False,
                              env=secretless_environ())
        if done.returncode != 0 or not any(self.lib_dir.glob("neo4j-server-*.jar")):
            tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise ServerError("Maven could not fetch Neo4j:\n" + "\n".join(tail))
        self.install_marker.write_text(_pom_digest(), encoding="utf-8")

    def _write_config(self) -> None:
        s = self.settings
        for sub in ("conf", "data", "logs", "run", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        # Neo4j unpacks the Browser archive (about 50 MB) into a temporary folder it removes on a
        # clean shutdown only; keeping it in the home, emptied at each start, bounds what a kill leaves.
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        self.tmp_dir.mkdir()
        lines = {
            "server.default_listen_address": "127.0.0.1",
            "server.default_advertised_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{s.bolt_port}",
            "server.bolt.advertised_address": f"127.0.0.1:{s.bolt_port}",
            "server.http.listen_address": f"127.0.0.1:{s.http_port}",
            "server.http.advertised_address": f"127.0.0.1:{s.http_port}",
            "server.https.enabled": "false",
            "dbms.usage_report.enabled": "false",
            # Neo4j Browser's (and Bloom's) product analytics, which dbms.usage_report misses.
            "client.allow_telemetry": "false",
            "server.directories.data": str(self.home / "data"),
            "server.directories.logs": str(self.logs_dir),
            "server.directories.plugins": str(self.plugins_dir),
            "server.directories.lib": str(self.lib_dir),
            "server.directories.run": str(self.home / "run"),
            "server.directories.import": str(self.home / "import"),
            "server.memory.heap.initial_size": s.neo4j_heap,
            "server.memory.heap.max_size": s.neo4j_heap,
            "server.memory.pagecache.size": s.neo4j_pagecache,
            "dbms.security.procedures.unrestricted": "apoc.*",
            "dbms.security.procedures.allowlist": "apoc.*",
            # A runaway query must not take the shop down; clients set tighter limits.
            "db.transaction.timeout": "120s",
            # Catalog managers' Browser: the Borderless style and guide on connect (graph/browser.py);
            # Browser fetches them only from allowlisted hosts. 5.26 still spells it "whitelist".
            "browser.post_connect_cmd": post_connect_commands(self.http_base),
            "browser.remote_content_hostname_whitelist": "guides.neo4j.com,localhost,127.0.0.1",
        }
        text = "# Written by `borderless db start` on every start; edit settings, not this file.\n"
        text += "".join(f"{k}={v}\n" for k, v in lines.items())
        (self.conf_dir / "neo4j.conf").write_text(text, encoding="utf-8")

    def _ensure_password(self) -> None:
        """Set the initial password once, before the first start, and keep it private.

        The password never reaches a command line (any local user can read ``ps``) nor the admin
        tool's environment: the tool reads it from a picocli argument file (``@file``) that only
        this user may read and that is removed as soon as the tool exits.
        """
        pw_file = self.settings.password_file
        if pw_file.exists():
            return
        # A password given in the environment becomes the initial one; otherwise we make one.
        given = self.settings.neo4j_password
        password = given.get_secret_value() if given is not None else secrets.token_hex(24)
        env = {**secretless_environ(), "NEO4J_HOME": str(self.home),
               "NEO4J_CONF": str(self.conf_dir)}
        arg_file = self.home / "run" / f".initial-password-{secrets.token_hex(8)}"
        _write_private(arg_file, _picocli_arg_file(password))
        try:
            done = subprocess.run(  # a fixed argv, no shell, no secret in it
                ["java", "-cp", f"{self.lib_dir}/*", "org.neo4j.cli.AdminTool",
                 "dbms", "set-initial-password", f"@{arg_file}"],
                capture_output=True, text=True, env=env, check=False,
            )
        finally:
            arg_file.unlink(missing_ok=True)
        if done.returncode != 0:
            detail = done.stderr.strip().replace(password, "<password>")
            raise ServerError(f"could not set the initial Neo4j password: {detail}")
        _write_private(pw_file, password)

    # -- lifecycle -----------------------------------------------------------------------------
    def pid(self) -> int | None:
        """The server's pid if it is alive, else None (a stale pid file is removed)."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            self.pid_file.unlink(missing_ok=True)
            return None
        if not runs_neo4j_in(pid, self.home):
            # A pid file that outlived a reboot can name someone else's process: never signal it.
            self.pid_file.unlink(missing_ok=True)
            return None
        return pid

    def start(self) -> bool:
        """Start the server and wait until Bolt answers.

        Returns:
            True if this call started it, False if it was already running.

        Raises:
            PortInUseError: another process holds the Bolt or HTTP port.
            ServerError: the server did not answer within the timeout (the log tail is included).
        """
        if self.pid() is not None:
            return False
        s = self.settings
        # Ports first: a busy port should fail at once, not after a minutes-long first fetch.
        for port in (s.bolt_port, s.http_port):
            if port_taken(port):
                raise PortInUseError(
                    f"port {port} on 127.0.0.1 is already in use by another process; stop it or "
                    f"choose other ports with BORDERLESS_BOLT_PORT / BORDERLESS_HTTP_PORT"
                )
        self.install()
        write_web_archive(self.lib_dir, self.web_dir)
        self._write_config()
        self._ensure_password()
        java_cmd = [
            "java", "-cp", f"{self.plugins_dir}/*:{self.conf_dir}/*:{self.lib_dir}/*",
            f"-Xms{s.neo4j_heap}", f"-Xmx{s.neo4j_heap}", *JVM_FLAGS, f"-Djava.io.tmpdir={self.tmp_dir}",
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}", f"--config-dir={self.conf_dir}", "--console-mode",
        ]
        rotate_log(self.console_log, self.settings.neo4j_log_max_bytes, self.settings.neo4j_log_keep)
        log = self.console_log.open("ab")
        proc = subprocess.Popen(  # a fixed argv, no shell
            java_cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=self.home, start_new_session=True, env=secretless_environ(),
        )
        log.close()
        self.pid_file.write_text(str(proc.pid))
        self._wait_for_bolt(proc)
        return True

    def _wait_for_bolt(self, proc: subprocess.Popen[bytes]) -> None:
        # The driver is only needed once the server is up.
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

        deadline = time.monotonic() + self.settings.start_timeout_s
        auth = self.settings.neo4j_auth()
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                self.pid_file.unlink(missing_ok=True)
                raise ServerError(f"Neo4j exited with code {proc.returncode}:\n{self.log_tail()}")
            if port_taken(self.settings.bolt_port):
                try:
                    with GraphDatabase.driver(self.settings.bolt_uri(), auth=auth) as driver:
                        driver.verify_connectivity()
                    return
                except AuthError as e:
                    # Waiting longer cannot help, and retries count toward Neo4j's lockout.
                    self.stop()
                    raise ServerError(
                        f"Neo4j is up but refused the password for {self.settings.neo4j_user!r} "
                        f"(from NEO4J_PASSWORD or {self.settings.password_file}); the database "
                        f"keeps the password it was first started with"
                    ) from e
                except (ServiceUnavailable, Neo4jError, OSError):
                    pass
            time.sleep(0.5)
        self.stop()
        raise ServerError(
            f"Neo4j did not answer on {self.settings.bolt_uri()} within "
            f"{self.settings.start_timeout_s:.0f}s:\n{self.log_tail()}"
        )

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the server gracefully (SIGTERM, then SIGKILL after the timeout).

        Returns:
            True if a running server was stopped.
        """
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if not pid_alive(pid):
                break
            time.sleep(0.2)
        else:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> ServerStatus:
        pid = self.pid()
        return ServerStatus(
            managed=True, running=pid is not None, pid=pid, bolt_uri=self.settings.bolt_uri(),
            browser_url=self.browser_url, home=self.home,
        )

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the console log (which holds neo4j.log's content in console mode)."""
        if not self.console_log.exists():
            return "(no log yet)"
        text = self.console_log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


# Environment variables whose values Borderless treats as secrets: the children we start (Maven,
# the admin tool, the server) need none of them, and a child may print its environment.
_SECRET_NAME_PARTS = ("PASSWORD", "SECRET", "API_KEY", "TOKEN", "CREDENTIAL")


def secretless_environ() -> dict[str, str]:
    """This process's environment without the variables that hold secrets."""
    return {name: value for name, value in os.environ.items()
            if not any(part in name.upper() for part in _SECRET_NAME_PARTS)}


def _picocli_arg_file(password: str) -> str:
    """An argument file holding exactly ``password`` as the tool's one positional argument.

    picocli splits argument files on whitespace and unquotes double-quoted values (backslash
    escapes inside); ``--`` first, so a password starting with '-' is not read as an option.
    """
    quoted = password.replace("\\", "\\\\").replace('"', '\\"')
    return f'--\n"{quoted}"\n'


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to a new file only this user can read (never briefly world-readable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _require_tool(name: str, how: str) -> None:
    if shutil.which(name) is None:
        raise ServerError(f"`{name}` is not on PATH; Borderless needs {how} to run Neo4j")
