#!/usr/bin/env python3
"""synthgraph local Spark runner.

A long-lived process that owns ONE SparkSession (Apache Spark 4 + Delta Lake, local[N],
ANSI mode on, session time zone UTC) and executes Spark SQL sent as JSON lines on stdin.
Every response is one JSON line on stdout; nothing else is ever written there: before the JVM
starts, file descriptor 1 is duplicated into a private protocol channel and then pointed at
stderr, so Spark, the JVM, py4j and any stray ``print`` end up on stderr.

Requests (one JSON object per line):
  {"id": 1, "op": "sql", "sql": "...", "collect": true, "maxRows": 1000}
  {"id": 2, "op": "explain", "sql": "...", "mode": "formatted"}
  {"id": 3, "op": "ping"}
  {"id": 4, "op": "cancel", "target": 1}        # no target: cancel everything
  {"id": 5, "op": "shutdown"}                   # after the queued statements finish

Responses:
  {"op": "ready", "sparkVersion": "4.0.1", "deltaVersion": "4.0.1", ...}   # once, at start
  {"id": 1, "ok": true, "columns": [{"name", "type"}], "rows": [[...]], "truncated": false,
   "elapsedMs": 12.5}
  {"id": 2, "ok": true, "plan": "== Physical Plan ==\n...", "elapsedMs": 3.1}
  {"id": 9, "ok": false, "error": {"class": "ARITHMETIC_OVERFLOW", "message": "...",
   "sqlState": "22003", "exception": "org.apache.spark.SparkArithmeticException",
   "rootCause": {"exception": "...", "message": "...", "class": "..." | null}}}
   # rootCause: the innermost exception of the JVM cause chain, when it is not the one reported

Values are encoded losslessly: BIGINT and DECIMAL as strings, TIMESTAMP / TIMESTAMP_NTZ as
epoch microseconds in a string, DATE as an ISO string, DOUBLE/FLOAT as numbers except NaN and
the infinities (the strings "NaN", "Infinity", "-Infinity"), BINARY as base64, ARRAY as a JSON
array, MAP as a JSON object (keys as strings), STRUCT as a JSON object, intervals as Spark's
ANSI interval strings.

``sql`` requests run one at a time, in arrival order, on a worker thread; ``ping`` and
``cancel`` are answered immediately by the reader thread. The runner exits when stdin closes
or on ``shutdown``; the JVM (started by PySpark with its stdin piped) exits with it.

The runner never outlives its parent, however the parent ends (SIGTERM, SIGKILL, a crash):
on Linux it asks the kernel for SIGTERM when the parent dies (``PR_SET_PDEATHSIG``), a
watchdog thread that no running job blocks compares ``getppid()`` with the parent's pid
(``SYNTHGRAPH_RUNNER_PARENT_PID``) every half second, and end-of-file on stdin without a
``shutdown`` bounds the wind-down. Each of these ends the runner's process group (the runner
and its JVM) with SIGKILL when the runner leads that group, as the Node client starts it.

Setup mode (used by scripts/setup-spark.sh): ``--resolve-packages`` makes Spark fetch the Delta
jars from Maven Central into ``--ivy-dir`` and writes their local paths to ``--jars-file``;
normal starts pass those files as ``spark.jars`` so no dependency resolution and no network
happen at session start.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import decimal
import json
import math
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import traceback
from typing import Any, Dict, List, Optional

# --- 1. Protect the protocol channel before anything can write to fd 1. -------------------
_PROTOCOL = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
os.dup2(2, 1)
sys.stdout = sys.stderr

# Python-side timestamp conversion (nested values) must not depend on the host time zone.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()

_EMIT_LOCK = threading.Lock()


def emit(message: Dict[str, Any]) -> None:
    """Writes one protocol line (ASCII-only JSON, so any string survives the pipe)."""
    line = json.dumps(message, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    with _EMIT_LOCK:
        _PROTOCOL.write(line + "\n")
        _PROTOCOL.flush()


def log(message: str) -> None:
    sys.stderr.write(f"[spark_runner] {message}\n")
    sys.stderr.flush()


# --- Dying with the parent ---------------------------------------------------------------

PR_SET_PDEATHSIG = 1
PARENT_POLL_SECONDS = 0.5
# After stdin closes without a shutdown request, the wind-down may take this long.
ORPHAN_GRACE_SECONDS = 20.0


def end_now(*_args: Any) -> None:
    """Ends the runner and its JVM at once (signal handler, watchdog and deadline)."""
    try:
        if os.getpgid(0) == os.getpid():
            os.killpg(0, signal.SIGKILL)  # the runner leads its group: the JVM and the runner go together
    except OSError:
        pass
    try:
        from pyspark import SparkContext

        proc = getattr(SparkContext._gateway, "proc", None)
        if proc is not None:
            proc.kill()
    except Exception:  # noqa: BLE001 - nothing more can be done
        pass
    os._exit(1)


def _parent_pid() -> Optional[int]:
    value = os.environ.get("SYNTHGRAPH_RUNNER_PARENT_PID", "")
    return int(value) if value.isdigit() else None


def die_with_parent() -> None:
    """Makes sure the runner, and the JVM it starts, end when the parent process ends."""
    signal.signal(signal.SIGTERM, end_now)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0) != 0:
                log(f"prctl(PR_SET_PDEATHSIG) failed: errno {ctypes.get_errno()}")
        except (OSError, AttributeError) as exc:
            log(f"no parent-death signal: {exc}")
    parent = _parent_pid()
    if parent is None:
        return
    if os.getppid() != parent:  # the parent died before the signal was armed
        end_now()

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent:
                log("the parent process is gone; stopping Spark")
                end_now()

    threading.Thread(target=watch, name="spark-runner-parent-watch", daemon=True).start()


DELTA_MAVEN_COORDINATE = "io.delta:delta-spark_2.13:{version}"
DEFAULT_MAX_ROWS = 10_000
# Parallel GC: no concurrent GC threads competing with tasks on small machines.
DEFAULT_JAVA_OPTS = "-XX:+UseParallelGC"

LOG4J2_TEMPLATE = """\
status = error
rootLogger.level = {level}
rootLogger.appenderRef.stderr.ref = stderr
appender.console.type = Console
appender.console.name = stderr
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{{HH:mm:ss.SSS}} %p %c{{1}}: %m%n%ex
logger.hadoop_native.name = org.apache.hadoop.util.NativeCodeLoader
logger.hadoop_native.level = error
logger.hive_conf.name = org.apache.hadoop.hive.conf.HiveConf
logger.hive_conf.level = error
logger.hive_metastore.name = org.apache.hadoop.hive.metastore
logger.hive_metastore.level = error
logger.hive_client.name = org.apache.spark.sql.hive
logger.hive_client.level = error
logger.datanucleus.name = DataNucleus
logger.datanucleus.level = error
logger.spark_utils.name = org.apache.spark.util.Utils
logger.spark_utils.level = error
logger.delta_hive_serde.name = org.apache.spark.sql.hive.HiveExternalCatalog
logger.delta_hive_serde.level = error
"""


def parse_args(argv: List[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="synthgraph local Spark runner (JSON lines on stdin/stdout)")
    p.add_argument("--warehouse", required=True, help="spark.sql.warehouse.dir; the metastore lives inside it")
    p.add_argument("--cores", type=int, default=2, help="local[N] master")
    p.add_argument("--shuffle-partitions", type=int, default=4, help="spark.sql.shuffle.partitions")
    p.add_argument("--driver-memory", default="2g", help="spark.driver.memory")
    p.add_argument("--catalog", choices=["hive", "in-memory"], default="hive",
                   help="hive: tables persist in a Derby metastore inside the warehouse; in-memory: per session")
    p.add_argument("--ivy-dir", default=None, help="spark.jars.ivy (Ivy cache for the Delta jars)")
    p.add_argument("--jars-file", default=None, help="file listing the cached Delta jars, one path a line")
    p.add_argument("--resolve-packages", action="store_true",
                   help="resolve the Delta jars through spark.jars.packages and write --jars-file")
    p.add_argument("--log-level", default="warn", help="log4j level for Spark (error, warn, info)")
    p.add_argument("--java-opts", default=DEFAULT_JAVA_OPTS,
                   help=f"JVM options for the driver (default {DEFAULT_JAVA_OPTS!r}); pass as --java-opts=...")
    p.add_argument("--cds-archive", default=None,
                   help="JVM class-data-sharing archive: used when the file exists (faster start)")
    p.add_argument("--cds-dump", action="store_true",
                   help="with --cds-archive: (re)create the archive when the JVM exits (setup only)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark conf")
    return p.parse_args(argv)


def delta_version() -> str:
    try:
        from importlib.metadata import version

        return version("delta-spark")
    except Exception:  # noqa: BLE001 - informative only
        return "unknown"


def read_jars_file(path: Optional[str]) -> Optional[List[str]]:
    if not path or not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        jars = [line.strip() for line in f if line.strip()]
    if not jars or not all(os.path.isfile(j) for j in jars):
        return None
    return jars


def cds_option(args: argparse.Namespace) -> str:
    if not args.cds_archive:
        return ""
    archive = os.path.abspath(args.cds_archive)
    if args.cds_dump:
        if os.path.exists(archive):
            os.remove(archive)
        return f"-XX:ArchiveClassesAtExit={archive}"
    # -Xshare:auto (the default) silently runs without the archive if it does not match this JVM.
    return f"-XX:SharedArchiveFile={archive}" if os.path.isfile(archive) else ""


def build_session(args: argparse.Namespace):  # -> SparkSession
    from pyspark.sql import SparkSession

    warehouse = os.path.abspath(args.warehouse)
    os.makedirs(warehouse, exist_ok=True)
    runtime_dir = os.path.join(warehouse, "_runner")
    os.makedirs(runtime_dir, exist_ok=True)
    log4j_file = os.path.join(runtime_dir, "log4j2.properties")
    with open(log4j_file, "w", encoding="utf-8") as f:
        f.write(LOG4J2_TEMPLATE.format(level=args.log_level))

    java_opts = " ".join(
        [
            f"-Dlog4j2.configurationFile=file:{log4j_file}",
            "-Duser.timezone=UTC",
            f"-Dderby.system.home={runtime_dir}",
            f"-Dderby.stream.error.file={os.path.join(runtime_dir, 'derby.log')}",
            args.java_opts,
            cds_option(args),
        ]
    ).strip()
    version = delta_version()
    builder = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .appName("synthgraph-local")
        .config("spark.driver.memory", args.driver_memory)
        .config("spark.driver.extraJavaOptions", java_opts)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.ansi.enabled", "true")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", warehouse)
        .config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
        .config("spark.default.parallelism", str(args.cores))
        .config("spark.sql.catalogImplementation", args.catalog)
        .config(
            "spark.hadoop.javax.jdo.option.ConnectionURL",
            f"jdbc:derby:;databaseName={os.path.join(warehouse, 'metastore_db')};create=true",
        )
        .config("spark.hadoop.hive.exec.scratchdir", os.path.join(runtime_dir, "hive-scratch"))
        .config("spark.hadoop.hive.exec.local.scratchdir", os.path.join(runtime_dir, "hive-local"))
        # Delta defaults to 50 partitions for its log snapshot: far too many for a laptop.
        .config("spark.databricks.delta.snapshotPartitions", "2")
    )
    if args.ivy_dir:
        builder = builder.config("spark.jars.ivy", os.path.abspath(args.ivy_dir))
    jars = None if args.resolve_packages else read_jars_file(args.jars_file)
    if jars is not None:
        builder = builder.config("spark.jars", ",".join(jars))
    else:
        if not args.resolve_packages:
            log("no cached Delta jar list; resolving io.delta jars through Ivy (needs Maven Central)")
        builder = builder.config("spark.jars.packages", DELTA_MAVEN_COORDINATE.format(version=version))
    for kv in args.conf:
        key, sep, value = kv.partition("=")
        if not sep:
            raise SystemExit(f"--conf expects KEY=VALUE, got {kv!r}")
        builder = builder.config(key, value)

    spark = builder.getOrCreate()
    # PySpark logs every failed query at ERROR on the Python side; the protocol reports them.
    import logging

    logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)
    spark.sparkContext.setLogLevel(args.log_level.upper())

    if args.resolve_packages and args.jars_file:
        resolved = spark.sparkContext.getConf().get("spark.jars", "")
        paths = [j.removeprefix("file://").removeprefix("file:") for j in resolved.split(",") if j]
        os.makedirs(os.path.dirname(os.path.abspath(args.jars_file)), exist_ok=True)
        with open(args.jars_file, "w", encoding="utf-8") as f:
            f.write("\n".join(paths) + "\n")
        log(f"cached {len(paths)} jars in {args.jars_file}")
    return spark, version, jars is not None


# --- Value encoding -------------------------------------------------------------------------


def _needs_sql_conversion(dt) -> bool:
    """Top-level types converted inside Spark before collecting (lossless and range-safe)."""
    from pyspark.sql import types as T

    return isinstance(dt, (T.TimestampType, T.TimestampNTZType, T.DateType, T.DayTimeIntervalType,
                           T.YearMonthIntervalType, T.CalendarIntervalType))


def _contains_python_unsafe(dt) -> bool:
    """Nested types PySpark cannot convert to Python objects (intervals)."""
    from pyspark.sql import types as T

    if isinstance(dt, (T.YearMonthIntervalType, T.CalendarIntervalType)):
        return True
    if isinstance(dt, T.ArrayType):
        return _contains_python_unsafe(dt.elementType)
    if isinstance(dt, T.MapType):
        return _contains_python_unsafe(dt.keyType) or _contains_python_unsafe(dt.valueType)
    if isinstance(dt, T.StructType):
        return any(_contains_python_unsafe(f.dataType) for f in dt.fields)
    return False


def _collectable(df):
    """Projects columns whose Python conversion would lose information into exact forms."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    fields = df.schema.fields
    if not any(_needs_sql_conversion(f.dataType) or _contains_python_unsafe(f.dataType) for f in fields):
        return df
    renamed = df.toDF(*[f"_c{i}" for i in range(len(fields))])
    exprs = []
    for i, f in enumerate(fields):
        c = F.col(f"_c{i}")
        dt = f.dataType
        if isinstance(dt, T.TimestampType):
            exprs.append(F.unix_micros(c))
        elif isinstance(dt, T.TimestampNTZType):
            # Session time zone is UTC, so this maps the wall clock to the same epoch micros.
            exprs.append(F.unix_micros(c.cast("timestamp")))
        elif _needs_sql_conversion(dt) or _contains_python_unsafe(dt):
            exprs.append(c.cast("string"))
        else:
            exprs.append(c)
    return renamed.select(*exprs)


def _float(v: float) -> Any:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def encode(dt, v: Any) -> Any:
    """Encodes one value of Spark type ``dt`` (after :func:`_collectable`) as JSON."""
    from pyspark.sql import types as T

    if v is None:
        return None
    if isinstance(dt, T.BooleanType):
        return bool(v)
    if isinstance(dt, (T.ByteType, T.ShortType, T.IntegerType)):
        return int(v)
    if isinstance(dt, T.LongType):
        return str(v)
    if isinstance(dt, T.DecimalType):
        return format(v, "f") if isinstance(v, decimal.Decimal) else str(v)
    if isinstance(dt, (T.FloatType, T.DoubleType)):
        return _float(float(v))
    if isinstance(dt, (T.TimestampType, T.TimestampNTZType)):
        if isinstance(v, datetime.datetime):  # nested: PySpark made a naive UTC datetime
            delta = v.replace(tzinfo=datetime.timezone.utc) - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
            return str((delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds)
        return str(v)  # top level: already unix_micros
    if isinstance(dt, T.DateType):
        return v.isoformat() if isinstance(v, datetime.date) else str(v)
    if isinstance(dt, T.DayTimeIntervalType) and isinstance(v, datetime.timedelta):
        return str((v.days * 86_400 + v.seconds) * 1_000_000 + v.microseconds)
    if isinstance(dt, T.BinaryType):
        return base64.b64encode(bytes(v)).decode("ascii")
    if isinstance(dt, T.ArrayType):
        return [encode(dt.elementType, x) for x in v]
    if isinstance(dt, T.MapType):
        out: Dict[str, Any] = {}
        for k, x in v.items():
            key = encode(dt.keyType, k)
            out[key if isinstance(key, str) else json.dumps(key, separators=(",", ":"))] = encode(dt.valueType, x)
        return out
    if isinstance(dt, T.StructType):
        return {f.name: encode(f.dataType, x) for f, x in zip(dt.fields, v)}
    if isinstance(v, (str, bool, int)):
        return v
    if isinstance(v, float):
        return _float(v)
    return str(v)  # Variant, Char/Varchar-as-str, anything newer: its string form


# --- Errors -------------------------------------------------------------------------------


def _java_chain(jexc) -> List[Any]:
    chain = []
    seen = 0
    while jexc is not None and seen < 20:
        chain.append(jexc)
        seen += 1
        try:
            jexc = jexc.getCause()
        except Exception:  # noqa: BLE001
            break
    return chain


def _root_cause(java_exceptions: List[Any]) -> Optional[Any]:
    """The innermost exception of the first JVM cause chain (what actually went wrong inside a
    wrapper such as ``[TASK_WRITE_FAILED] Task failed while writing rows``)."""
    if not java_exceptions:
        return None
    chain = _java_chain(java_exceptions[0])
    return chain[-1] if chain else None


def _with_root(reported: Any, root: Optional[Any]) -> Dict[str, Any]:
    """``{"rootCause": {"exception", "message", "class"}}`` when the innermost cause is not the
    exception already reported; else nothing."""
    if root is None:
        return {}
    try:
        if root.equals(reported):
            return {}
        name = str(root.getClass().getName())
        message = root.getMessage()
        condition = None
        if hasattr(root, "getCondition"):
            try:
                condition = root.getCondition()
            except Exception:  # noqa: BLE001 - not a SparkThrowable
                condition = None
        return {"rootCause": {"exception": name, "message": str(message) if message is not None else "",
                              "class": str(condition) if condition else None}}
    except Exception:  # noqa: BLE001 - describing the cause must never hide the error
        return {}


def describe_error(exc: BaseException) -> Dict[str, Any]:
    """Spark's error condition, message and SQLSTATE for any exception raised by PySpark."""
    from py4j.protocol import Py4JJavaError

    if isinstance(exc, ExplainError):
        return {"class": exc.condition, "message": exc.body, "sqlState": exc.sql_state, "exception": None}
    java_exceptions = []
    py: Optional[BaseException] = exc
    depth = 0
    while py is not None and depth < 10:
        origin = getattr(py, "_origin", None)
        if origin is None and isinstance(py, Py4JJavaError):
            origin = py.java_exception
        if origin is not None:
            java_exceptions.extend(_java_chain(origin))
        py = getattr(py, "_cause", None)
        depth += 1

    best = None
    for j in java_exceptions:
        try:
            condition = j.getCondition() if hasattr(j, "getCondition") else None
        except Exception:  # noqa: BLE001 - not a SparkThrowable
            condition = None
        if condition:
            # Prefer the innermost concrete condition over generic wrappers of a task failure.
            best = (j, condition)
            if not condition.startswith("INTERNAL_ERROR"):
                break
    root = _root_cause(java_exceptions)
    if best is not None:
        j, condition = best
        try:
            sql_state = j.getSqlState()
        except Exception:  # noqa: BLE001
            sql_state = None
        return {
            "class": condition,
            "message": str(j.getMessage()),
            "sqlState": sql_state,
            "exception": str(j.getClass().getName()),
            **_with_root(j, root),
        }
    if java_exceptions:
        j = java_exceptions[-1]
        return {
            "class": str(j.getClass().getName()),
            "message": str(j.getMessage() or j.toString()),
            "sqlState": None,
            "exception": str(j.getClass().getName()),
            **_with_root(j, root),
        }
    sql_state = None
    getter = getattr(exc, "getSqlState", None)
    if callable(getter):
        try:
            sql_state = getter()
        except Exception:  # noqa: BLE001
            sql_state = None
    condition = None
    getter = getattr(exc, "getCondition", None)
    if callable(getter):
        try:
            condition = getter()
        except Exception:  # noqa: BLE001
            condition = None
    return {
        "class": condition or type(exc).__name__,
        "message": str(exc),
        "sqlState": sql_state,
        "exception": type(exc).__module__ + "." + type(exc).__name__,
    }


# --- Runner -------------------------------------------------------------------------------


class Runner:
    def __init__(self, spark) -> None:
        self.spark = spark
        self.sc = spark.sparkContext
        self.queue: "queue.Queue[Optional[Dict[str, Any]]]" = queue.Queue()
        self.cancelled: set = set()
        self.current: Optional[int] = None
        self.submitted = 0  # sequence number of the last submitted request
        self.cancel_upto = 0  # requests with a sequence number up to this are cancelled
        self.lock = threading.Lock()
        self.done = threading.Event()

    # reader thread
    def submit(self, req: Dict[str, Any]) -> None:
        self.submitted += 1
        req["_seq"] = self.submitted
        self.queue.put(req)

    def cancel(self, target: Any) -> None:
        """Cancels one request (queued or running) or, with no target, everything submitted."""
        with self.lock:
            if target is None:
                self.cancel_upto = self.submitted
                target = self.current
                running = target is not None
                if running:
                    self.cancelled.add(target)
                self.sc.cancelAllJobs()
            else:
                self.cancelled.add(target)
                running = self.current == target
        if running:
            threading.Thread(target=self._keep_cancelling, args=(target,), daemon=True).start()

    def _keep_cancelling(self, target: Any) -> None:
        # A statement may launch several jobs one after another; cancel until it gives up.
        while True:
            with self.lock:
                if self.current != target:
                    return
            self.sc.cancelJobsWithTag(f"synthgraph-{target}")
            time.sleep(0.2)

    # worker thread
    def work(self) -> None:
        self.sc.setInterruptOnCancel(True)
        while True:
            req = self.queue.get()
            if req is None:
                break
            rid = req.get("id")
            with self.lock:
                if rid in self.cancelled or req.get("_seq", 0) <= self.cancel_upto:
                    self.cancelled.discard(rid)
                    emit(cancelled_response(rid))
                    continue
                self.current = rid
            tag = f"synthgraph-{rid}"
            self.sc.addJobTag(tag)
            started = time.perf_counter()
            try:
                response = self.execute(req)
                response["elapsedMs"] = round((time.perf_counter() - started) * 1000, 3)
            except Exception as exc:  # noqa: BLE001 - reported to the client
                response = {"id": rid, "ok": False, "error": describe_error(exc),
                            "elapsedMs": round((time.perf_counter() - started) * 1000, 3)}
                if _jvm_is_gone(exc):
                    emit(response)
                    log("the JVM is gone; exiting")
                    os._exit(3)
            finally:
                self.sc.removeJobTag(tag)
                with self.lock:
                    self.current = None
                    was_cancelled = rid in self.cancelled
                    self.cancelled.discard(rid)
            if was_cancelled:
                response = cancelled_response(rid)
            emit(response)
        self.done.set()

    def execute(self, req: Dict[str, Any]) -> Dict[str, Any]:
        op = req.get("op")
        rid = req.get("id")
        statement = req.get("sql")
        if not isinstance(statement, str):
            raise ValueError(f"'{op}' needs a string 'sql'")
        if op == "sql":
            return self.run_sql(rid, statement, req.get("collect", True) is not False, req.get("maxRows"))
        if op == "explain":
            return self.explain(rid, statement, req.get("mode", "formatted"))
        raise ValueError(f"unknown op {op!r}")

    def run_sql(self, rid: Any, statement: str, collect: bool, max_rows: Any) -> Dict[str, Any]:
        df = self.spark.sql(statement)
        fields = df.schema.fields
        columns = [{"name": f.name, "type": f.dataType.simpleString()} for f in fields]
        rows: List[List[Any]] = []
        truncated = False
        if collect:
            limit = DEFAULT_MAX_ROWS if max_rows is None else int(max_rows)
            if limit < 0:
                raise ValueError("maxRows must be >= 0")
            source = _collectable(df)
            taken = source.take(limit + 1) if limit > 0 else []
            truncated = len(taken) > limit
            for row in taken[:limit]:
                rows.append([encode(f.dataType, v) for f, v in zip(fields, row)])
        elif not _is_command_result(df):
            # Run the query for its effects (and errors) without moving rows to the driver.
            df.write.format("noop").mode("overwrite").save()
        return {"id": rid, "ok": True, "columns": columns, "rows": rows, "truncated": truncated}

    def explain(self, rid: Any, statement: str, mode: Any) -> Dict[str, Any]:
        """``EXPLAIN <mode> statement``; for a statement that writes a query (CTAS, RTAS, INSERT),
        the physical plan of that query is appended, because Spark prints the write command as
        one node and plans its query only when it runs."""
        modes = {"simple": "", "extended": "EXTENDED ", "formatted": "FORMATTED ", "cost": "COST ",
                 "codegen": "CODEGEN "}
        if mode not in modes:
            raise ValueError(f"explain mode must be one of {sorted(modes)}, got {mode!r}")
        jss = self.spark._jsparkSession
        jvm = self.spark._jvm
        parsed = jss.sessionState().sqlParser().parsePlan(statement)  # raises ParseException
        query_plan = None
        query = _written_query(parsed)
        if query is not None:
            dataset = getattr(jvm, "org.apache.spark.sql.classic.Dataset").ofRows(jss, query)  # analyses
            explain_mode = getattr(jvm, "org.apache.spark.sql.execution.ExplainMode").fromString(mode or "simple")
            query_plan = str(dataset.queryExecution().explainString(explain_mode))
        rows = self.spark.sql(f"EXPLAIN {modes[mode]}{statement}").collect()
        plan = "\n".join(str(r[0]) for r in rows)
        if plan.lstrip().startswith(PLANNING_ERROR):
            raise ExplainError(plan.strip())
        if query_plan is not None:
            plan = f"{plan.rstrip()}\n\n{WRITTEN_QUERY_HEADER}\n{query_plan}"
        return {"id": rid, "ok": True, "plan": plan}


PLANNING_ERROR = "Error occurred during query planning"
WRITTEN_QUERY_HEADER = "== Written Query =="


class ExplainError(Exception):
    """EXPLAIN reports planning errors as text; recover Spark's condition and SQLSTATE from it."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        body = text[len(PLANNING_ERROR):].lstrip(": \n") if text.startswith(PLANNING_ERROR) else text
        m = re.search(r"\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*)\]", body)
        self.condition = m.group(1) if m else "EXPLAIN_FAILED"
        m = re.search(r"SQLSTATE: ([0-9A-Z]{5})", body)
        self.sql_state = m.group(1) if m else None
        self.body = body


def _written_query(parsed) -> Any:
    """The query of CREATE/REPLACE TABLE AS SELECT or INSERT, or None for anything else."""
    name = str(parsed.getClass().getSimpleName())
    if name not in ("CreateTableAsSelect", "ReplaceTableAsSelect", "InsertIntoStatement",
                    "CreateTableAsSelectStatement", "ReplaceTableAsSelectStatement"):
        return None
    try:
        return parsed.query()
    except Exception:  # noqa: BLE001 - no query to show
        return None


def cancelled_response(rid: Any) -> Dict[str, Any]:
    return {"id": rid, "ok": False, "error": {"class": "CANCELLED", "message": "The statement was cancelled.",
                                              "sqlState": "HY008", "exception": None}}


def _is_command_result(df) -> bool:
    try:
        return str(df._jdf.queryExecution().logical().getClass().getSimpleName()) == "CommandResult"
    except Exception:  # noqa: BLE001 - fall back to running it
        return False


def _jvm_is_gone(exc: BaseException) -> bool:
    from py4j.protocol import Py4JNetworkError

    return isinstance(exc, (Py4JNetworkError, ConnectionError)) or "Py4JNetworkError" in type(exc).__name__


def main(argv: List[str]) -> int:
    args = parse_args(argv)
    die_with_parent()
    started = time.perf_counter()
    try:
        spark, delta, from_cache = build_session(args)
    except BaseException as exc:  # noqa: BLE001
        traceback.print_exc()
        emit({"op": "failed", "error": {"class": "SESSION_START_FAILED", "message": str(exc), "sqlState": None}})
        return 2
    runner = Runner(spark)
    emit(
        {
            "op": "ready",
            "sparkVersion": spark.version,
            "deltaVersion": delta,
            "pythonVersion": ".".join(map(str, sys.version_info[:3])),
            "jarsFromCache": from_cache,
            "startMs": round((time.perf_counter() - started) * 1000, 1),
        }
    )
    worker = threading.Thread(target=runner.work, name="spark-runner-worker", daemon=True)
    worker.start()

    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            if not isinstance(req, dict):
                raise ValueError("a request must be a JSON object")
        except ValueError as exc:
            emit({"id": None, "ok": False, "error": {"class": "PROTOCOL_ERROR", "message": str(exc), "sqlState": None}})
            continue
        op = req.get("op")
        rid = req.get("id")
        if op == "ping":
            emit({"id": rid, "ok": True, "op": "pong"})
        elif op == "cancel":
            runner.cancel(req.get("target"))
            emit({"id": rid, "ok": True})
        elif op == "shutdown":
            graceful = True
            break
        else:
            runner.submit(req)
    else:
        graceful = False

    if not graceful:
        # stdin closed: the client is gone, so stop whatever is still queued or running, and
        # never take longer than the grace period about it.
        deadline = threading.Timer(ORPHAN_GRACE_SECONDS, end_now)
        deadline.daemon = True
        deadline.start()
        runner.cancel(None)
    runner.queue.put(None)
    worker.join(timeout=None if graceful else 30)
    stop_spark(spark)
    emit({"op": "bye"})
    return 0


def stop_spark(spark) -> None:
    """Stops the session and waits for the JVM to exit, so no java process outlives the runner."""
    try:
        spark.stop()
    except Exception:  # noqa: BLE001
        traceback.print_exc()
    from pyspark import SparkContext

    proc = getattr(SparkContext._gateway, "proc", None)
    if proc is None:
        return
    try:
        if proc.stdin is not None:
            proc.stdin.close()  # the gateway exits on EOF
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        log("the JVM did not exit; killing it")
        proc.kill()
        proc.wait(timeout=10)
    except Exception:  # noqa: BLE001
        traceback.print_exc()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
