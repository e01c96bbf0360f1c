"""A pg_auto_failover formation for tests and the failover benchmark: a monitor, a primary and
a synchronous secondary, built with the installed `pg_autoctl` on free loopback ports in a
temporary directory, run as the postgres user when we are root (PostgreSQL refuses root).

`AutoFailover.url` is the multi-host URL the server takes; `kill_primary` SIGKILLs the
primary's whole node (its `pg_autoctl` and its PostgreSQL), as if its machine were lost;
`rejoin` starts that node again, and pg_auto_failover makes it the new secondary.

The monitor is tuned to fail over in seconds rather than a minute, with the settings the
pg_auto_failover configuration guide names for it (see docs/failover.md, one source for
the values: `MONITOR_SETTINGS` and `KEEPER_SETTINGS` below).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from tests.pg import free_port

BINDIR = Path("/usr/lib/postgresql/15/bin")
DBNAME = "loyalty"
# The monitor's health checks: one a second, a failed one retried once after half a second;
# a node that misses its reports for 5 s is unhealthy; a primary that stops answering is
# given 10 s to demote itself before its secondary is promoted (defaults: 5 s, 2 s, 2
# retries, 20 s and 30 s; a failover then took about 50 s here).
MONITOR_SETTINGS = {
    "pgautofailover.health_check_period": "1000",
    "pgautofailover.health_check_timeout": "1000",
    "pgautofailover.health_check_retry_delay": "500",
    "pgautofailover.health_check_max_retries": "1",
    "pgautofailover.node_considered_unhealthy_timeout": "5000",
    "pgautofailover.primary_demote_timeout": "10000",
}
# A primary that can reach neither the monitor nor its secondary for this long stops itself;
# it must stay below the monitor's primary_demote_timeout (10 s), or a cut-off primary could
# still take writes when its secondary is promoted (default 20 s, against 30 s).
KEEPER_SETTINGS = {"timeout.network_partition_timeout": "5"}
# Test speed only: no fsync (a killed PostgreSQL loses nothing the OS holds), and immediate
# checkpoints (pg_basebackup of the secondary waits for one; spread, it took 90 s here).
NODE_SETTINGS = {"fsync": "off", "checkpoint_completion_target": "0"}


class ClusterError(Exception):
    pass


def available() -> str | None:
    """None when pg_auto_failover is installed, else why not."""
    if shutil.which("pg_autoctl") is None:
        return "pg_autoctl is not installed (Debian package postgresql-15-auto-failover)"
    if not (BINDIR / "pg_ctl").exists():
        return f"PostgreSQL 15 is not installed in {BINDIR}"
    return None


@dataclass
class Node:
    name: str
    port: int
    pgdata: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, dbname: str = DBNAME) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"


@dataclass
class AutoFailover:
    root: Path
    monitor: Node
    nodes: list[Node]
    env: dict[str, str] = field(default_factory=dict)

    @property
    def monitor_url(self) -> str:
        return f"postgresql://autoctl_node@127.0.0.1:{self.monitor.port}/pg_auto_failover"

    def url(self, dbname: str = DBNAME) -> str:
        """The server's multi-host URL: libpq tries each host, keeps the read-write one."""
        hosts = ",".join(n.address for n in self.nodes)
        return (
            f"postgresql://postgres@{hosts}/{dbname}"
            "?target_session_attrs=read-write&connect_timeout=2"
        )

    # --- the formation as the monitor sees it -------------------------------------------------

    def states(self) -> dict[str, tuple[str, str]]:
        """Each node's (reported state, assigned state), as `pg_autoctl show state` lists."""
        with psycopg.connect(self.monitor_url, connect_timeout=3) as conn:
            rows = conn.execute(
                "SELECT nodename, reportedstate, goalstate FROM pgautofailover.node"
            ).fetchall()
        return {str(name): (str(reported), str(goal)) for name, reported, goal in rows}

    def show_state(self) -> str:
        return self.autoctl("show", "state", "--monitor", self.monitor_url)

    def primary(self) -> Node:
        states = self.states()
        for node in self.nodes:
            reported, assigned = states.get(node.name, ("", ""))
            # A lost primary keeps its last report ("primary") while assigned "demoted".
            if reported == assigned and reported in ("primary", "wait_primary"):
                return node
        raise ClusterError(f"no primary:\n{self.show_state()}")

    def wait_until(self, wanted: dict[str, str], timeout_s: float = 180) -> None:
        """Until each named node reports and is assigned its wanted state."""
        deadline = time.monotonic() + timeout_s
        states: dict[str, tuple[str, str]] = {}
        while time.monotonic() < deadline:
            self._check_alive()
            with contextlib.suppress(psycopg.Error):
                states = self.states()
                if all(states.get(n) == (s, s) for n, s in wanted.items()):
                    return
            time.sleep(0.3)
        raise ClusterError(f"not {wanted} in {timeout_s}s: {states}\n{self._logs()}")

    def wait_healthy(self, timeout_s: float = 180) -> None:
        """Until there is a primary and a synchronous secondary (any node in either role)."""
        deadline = time.monotonic() + timeout_s
        states: dict[str, tuple[str, str]] = {}
        while time.monotonic() < deadline:
            self._check_alive()
            with contextlib.suppress(psycopg.Error):
                states = self.states()
                settled = sorted(r for r, g in states.values() if r == g)
                if settled == ["primary", "secondary"]:
                    return
            time.sleep(0.3)
        raise ClusterError(f"not healthy in {timeout_s}s: {states}\n{self._logs()}")

    # --- faults ---------------------------------------------------------------------------------

    def kill(self, node: Node) -> None:
        """SIGKILL the node's pg_autoctl and PostgreSQL at once: the machine is gone."""
        assert node.proc is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(node.proc.pid, signal.SIGKILL)
        node.proc.wait()
        # Anything of the node's that left the process group (never seen; to be sure).
        _signal_postmaster(node.pgdata, signal.SIGKILL)

    def kill_primary(self) -> Node:
        node = self.primary()
        self.kill(node)
        return node

    def rejoin(self, node: Node) -> None:
        """Start a killed node again: pg_auto_failover rewinds it and makes it a secondary."""
        node.proc = self._spawn(["run", "--pgdata", str(node.pgdata)], node.name)

    # --- running pg_autoctl -------------------------------------------------------------------

    def autoctl(self, *args: str) -> str:
        done = subprocess.run(
            _as_postgres(["pg_autoctl", *args]),
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise ClusterError(f"pg_autoctl {' '.join(args)}: {done.stderr[-1500:]}")
        return done.stdout

    def _spawn(self, args: list[str], name: str) -> subprocess.Popen[bytes]:
        with (self.root / f"{name}.log").open("ab") as log:
            return subprocess.Popen(
                _as_postgres(["pg_autoctl", *args]),
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: `kill` takes it all
            )

    def _check_alive(self) -> None:
        for node in [self.monitor, *self.nodes]:
            if node.proc is not None and node.proc.poll() is not None and node.proc.returncode > 0:
                raise ClusterError(f"{node.name} exited {node.proc.returncode}\n{self._logs()}")

    def _logs(self) -> str:
        parts = []
        for log in sorted(self.root.glob("*.log")):
            parts.append(f"--- {log.name}\n{log.read_text(errors='replace')[-1500:]}")
        return "\n".join(parts)

    def stop(self) -> None:
        """Stop every node at once: the formation is thrown away, and a clean stop takes
        pg_autoctl some 25 s here. Each PostgreSQL gets an immediate shutdown first (it
        removes its shared memory, which a SIGKILL would leave behind), then the rest of
        the node is killed."""
        members = [*self.nodes, self.monitor]
        for node in members:
            _signal_postmaster(node.pgdata, signal.SIGQUIT)
        deadline = time.monotonic() + 5
        while any((n.pgdata / "postmaster.pid").exists() for n in members):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        for node in members:
            if node.proc is not None and node.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(node.proc.pid, signal.SIGKILL)
        for node in members:
            if node.proc is not None:
                node.proc.wait()
            _signal_postmaster(node.pgdata, signal.SIGKILL)


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def _signal_postmaster(pgdata: Path, sig: signal.Signals) -> None:
    pidfile = pgdata / "postmaster.pid"
    with contextlib.suppress(OSError, ValueError, IndexError):
        pid = int(pidfile.read_text().split()[0])
        os.kill(pid, sig)


def _settle(node: Node, settings: dict[str, str]) -> None:
    with psycopg.connect(node.url(), autocommit=True, connect_timeout=3) as conn:
        for name, value in settings.items():
            conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        conn.execute("SELECT pg_reload_conf()")
        # A checkpoint already under way (spread) is finished at once by this request.
        conn.execute("CHECKPOINT")


def _wait_connectable(url: str, cluster: AutoFailover, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        cluster._check_alive()
        try:
            with psycopg.connect(url, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return
        except psycopg.Error:
            time.sleep(0.3)
    raise ClusterError(f"{url} not reachable in {timeout_s}s\n{cluster._logs()}")


@contextlib.contextmanager
def auto_failover(nodes: int = 2) -> Iterator[AutoFailover]:
    """A monitor and `nodes` PostgreSQL nodes (a primary, the rest synchronous secondaries)."""
    why = available()
    if why:
        raise ClusterError(why)
    root = Path(tempfile.mkdtemp(prefix="loyalty-pgaf-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    env = {
        **os.environ,
        "PATH": f"{BINDIR}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "PG_CONFIG": str(BINDIR / "pg_config"),
        # pg_autoctl keeps its configuration, state and pid files under these (the last
        # only if it exists, else under /tmp/pg_autoctl): all in our directory.
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_DATA_HOME": str(root / "share"),
        "XDG_RUNTIME_DIR": str(root / "run"),
    }
    for folder in ("config", "share", "run"):
        (root / folder).mkdir()
        if os.geteuid() == 0:
            shutil.chown(root / folder, "postgres")
    monitor = Node("monitor", free_port(), root / "monitor")
    members = [Node(f"node{i + 1}", free_port(), root / f"node{i + 1}") for i in range(nodes)]
    cluster = AutoFailover(root, monitor, members, env)
    common = ["--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl", "--listen", "127.0.0.1"]
    try:
        monitor.proc = cluster._spawn(
            [
                "create",
                "monitor",
                "--pgdata",
                str(monitor.pgdata),
                "--pgport",
                str(monitor.port),
                *common,
                "--run",
            ],
            "monitor",
        )
        _wait_connectable(cluster.monitor_url, cluster)
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{monitor.port}/pg_auto_failover",
            autocommit=True,
            connect_timeout=3,
        ) as conn:
            for name, value in MONITOR_SETTINGS.items():
                conn.execute(f"ALTER SYSTEM SET {name} = '{value}'")
            conn.execute("SELECT pg_reload_conf()")
        for i, node in enumerate(members):
            node.proc = cluster._spawn(
                [
                    "create",
                    "postgres",
                    "--pgdata",
                    str(node.pgdata),
                    "--pgport",
                    str(node.port),
                    "--name",
                    node.name,
                    "--dbname",
                    DBNAME,
                    "--monitor",
                    cluster.monitor_url + "?sslmode=disable",
                    *common,
                    "--run",
                ],
                node.name,
            )
            if i == 0:
                # The first node becomes the primary; settle it before a secondary copies it.
                cluster.wait_until({node.name: "single"})
                _settle(node, NODE_SETTINGS)
        cluster.wait_healthy()
        for node in members:
            for key, value in KEEPER_SETTINGS.items():
                cluster.autoctl("config", "set", "--pgdata", str(node.pgdata), key, value)
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
