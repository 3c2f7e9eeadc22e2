#!/usr/bin/env python3
"""The dbldatagen baseline of `pnpm bench`: the replaced system's generator approach, rebuilt.

The system synthgraph replaced (../shared/seeds/: research.md §4 "dbldatagen + Pandas UDFs",
implementation-summary.md T020-T023, tasks.md T010-T013) generated households, individuals,
identity_mappings and content_engagements with dbldatagen DataGenerator specs for the structural
columns and Faker pandas UDFs for the semantic ones (city, state, ZIP, identifier values), wrote
them as Delta tables, and partitioned by `max(1, min(200, num_households // 10000))`. This
script does the same, with the row counts passed in (those of a synthgraph run at N households),
on the same local Spark as `--target spark`: the session is built by synthgraph's own runner
(packages/databricks/python/spark_runner.py) with the same cores, driver memory, Delta jars and
JVM options. It prints one JSON line: the seconds and rows of each table (spec build + write,
as one Spark job per table) and the write tasks Delta recorded.

Run through `pnpm bench` (scripts/bench/spark.ts), or directly with the venv of
scripts/setup-bench-baseline.sh:

    python scripts/bench/dbldatagen_baseline.py --out /tmp/baseline \
        --households 20000 --individuals 46000 --identity-mappings 280000 \
        --content-engagements 1180000 [--cores 2] [--driver-memory 2g] [--format delta]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUNNER_DIR = os.path.join(ROOT, "packages", "databricks", "python")
TABLES = ("households", "individuals", "identity_mappings", "content_engagements")

# Weights of the seeds (research.md §4, identity-mapping pattern) or, where the seeds give none,
# the wizard's defaults in tasks.md; the values are the old schema's enums (tasks.md T010-T013).
INCOME = (["<30K", "30-60K", "60-100K", "100K+"], [25, 35, 25, 15])
HOUSING = (["single_family", "apartment", "townhouse", "mobile_home"], [62, 28, 6, 4])
GENDER = (["female", "male", "non_binary", "undisclosed"], [49, 49, 1, 1])
EDUCATION = (["less_than_high_school", "high_school", "some_college", "bachelors", "graduate"], [10, 28, 26, 23, 13])
EMPLOYMENT = (["full_time", "part_time", "unemployed", "retired", "student"], [50, 12, 5, 23, 10])
IDENTIFIER = (["email_hash", "cookie_id", "mobile_ad_id", "device_id", "ctv_id"], [30, 25, 25, 15, 5])
CATEGORY = (["news", "sports", "entertainment", "lifestyle", "technology", "food", "travel", "finance"], [18, 16, 22, 12, 10, 9, 7, 6])
ENGAGEMENT = (["view", "click", "share", "like", "comment"], [60, 25, 5, 7, 3])
DEVICE = (["mobile", "desktop", "tablet", "ctv"], [50, 25, 10, 15])
WINDOW_START, WINDOW_END = "2026-01-01 00:00:00", "2026-01-31 00:00:00"  # the seeds' 30-day default


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", required=True, help="output directory: one table folder per table")
    for t in TABLES:
        p.add_argument("--" + t.replace("_", "-"), type=int, required=True, help=f"rows of {t}")
    p.add_argument("--cores", type=int, default=2, help="local[N], as synthgraph's local Spark (default 2)")
    p.add_argument("--driver-memory", default="2g", help="spark.driver.memory (default 2g, synthgraph's default)")
    p.add_argument("--format", choices=["delta", "parquet"], default="delta")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--spark-home", default=os.environ.get("SYNTHGRAPH_SPARK_HOME", os.path.expanduser("~/.cache/synthgraph/spark")))
    args = p.parse_args(argv)
    for t in TABLES:
        if getattr(args, t) < 1:
            p.error(f"--{t.replace('_', '-')} must be a positive row count")
    return args


def start_spark(args, warehouse):
    """A session built exactly like synthgraph's local Spark (its runner's build_session).

    Importing the runner points fd 1 at stderr (its protocol channel stays clean of Spark's
    output); the JSON result goes to the channel it keeps, the original stdout.
    """
    os.environ["PYSPARK_PYTHON"] = sys.executable  # pandas UDF workers need this venv's Faker
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["TZ"] = "UTC"
    sys.path.insert(0, RUNNER_DIR)
    import spark_runner  # noqa: E402 - synthgraph's runner, for the identical session

    home = args.spark_home
    runner_args = spark_runner.parse_args([
        "--warehouse", warehouse, "--cores", str(args.cores), "--driver-memory", args.driver_memory,
        "--catalog", "in-memory", "--ivy-dir", os.path.join(home, "ivy"),
        "--jars-file", os.path.join(home, "delta-jars.txt"), f"--cds-archive={os.path.join(home, 'spark-cds.jsa')}",
    ])
    spark, _, _ = spark_runner.build_session(runner_args)
    return spark, spark_runner._PROTOCOL


def faker_udfs(seed):
    """The Faker pandas UDFs of the seeds: one Faker per Python worker, seeded per batch."""
    import hashlib

    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    state = {}

    def fake(first_id):
        if "f" not in state:
            from faker import Faker

            state["f"] = Faker("en_US")
        f = state["f"]
        f.seed_instance(seed * 1_000_003 + int(first_id))
        return f

    @pandas_udf("string")
    def city(ids: pd.Series) -> pd.Series:
        f = fake(ids.iloc[0] if len(ids) else 0)
        return pd.Series([f.city() for _ in range(len(ids))])

    @pandas_udf("string")
    def state_abbr(ids: pd.Series) -> pd.Series:
        f = fake(ids.iloc[0] if len(ids) else 0)
        return pd.Series([f.state_abbr() for _ in range(len(ids))])

    @pandas_udf("string")
    def zipcode(ids: pd.Series) -> pd.Series:
        f = fake(ids.iloc[0] if len(ids) else 0)
        return pd.Series([f.zipcode() for _ in range(len(ids))])

    @pandas_udf("string")
    def identifier(ids: pd.Series, types: pd.Series) -> pd.Series:
        f = fake(ids.iloc[0] if len(ids) else 0)

        def one(t):
            if t == "email_hash":
                return hashlib.sha256(f.email().encode()).hexdigest()
            return f.uuid4()

        return types.apply(one)

    @pandas_udf("string")
    def session(ids: pd.Series) -> pd.Series:
        f = fake(ids.iloc[0] if len(ids) else 0)
        return pd.Series([f.uuid4() for _ in range(len(ids))])

    return {"city": city, "state": state_abbr, "zip": zipcode, "identifier": identifier, "session": session}


def specs(spark, args, partitions):
    """The four dbldatagen specs (tasks.md T010-T013 columns), each a DataFrame to write."""
    import dbldatagen as dg
    from pyspark.sql import functions as F

    n_hh, n_ind = args.households, args.individuals
    udf = faker_udfs(args.seed)
    common = {"partitions": partitions, "randomSeedMethod": "hash_fieldname", "randomSeed": args.seed}

    def households():
        df = (
            dg.DataGenerator(spark, name="households", rows=n_hh, **common)
            .withColumn("household_id", "long", minValue=1, maxValue=n_hh)
            .withColumn("income_bracket", "string", values=INCOME[0], weights=INCOME[1], random=True)
            .withColumn("household_size", "int", minValue=1, maxValue=10, distribution=dg.distributions.Normal(2.5, 1.4), random=True)
            .withColumn("housing_type", "string", values=HOUSING[0], weights=HOUSING[1], random=True)
            .withColumn("created_at", "timestamp", begin="2024-01-01 00:00:00", end="2025-12-31 23:59:00", interval="1 minute", random=True)
            .build()
        )
        return (
            df.withColumn("location_city", udf["city"]("household_id"))
            .withColumn("location_state", udf["state"]("household_id"))
            .withColumn("location_zip", udf["zip"]("household_id"))
        )

    def individuals():
        return (
            dg.DataGenerator(spark, name="individuals", rows=n_ind, **common)
            .withColumn("individual_id", "long", minValue=1, maxValue=n_ind)
            .withColumn("household_id", "long", minValue=1, maxValue=n_hh, random=True)
            .withColumn("age", "int", minValue=18, maxValue=85, distribution=dg.distributions.Normal(45, 15), random=True)
            .withColumn("gender", "string", values=GENDER[0], weights=GENDER[1], random=True)
            .withColumn("education_level", "string", values=EDUCATION[0], weights=EDUCATION[1], random=True)
            .withColumn("employment_status", "string", values=EMPLOYMENT[0], weights=EMPLOYMENT[1], random=True)
            .withColumn("income_individual", "decimal(12,2)", minValue=0, maxValue=250000, random=True)
            .withColumn("created_at", "timestamp", begin="2024-01-01 00:00:00", end="2025-12-31 23:59:00", interval="1 minute", random=True)
            .build()
        )

    def identity_mappings():
        df = (
            dg.DataGenerator(spark, name="identity_mappings", rows=args.identity_mappings, **common)
            .withColumn("mapping_id", "long", minValue=1, maxValue=args.identity_mappings)
            .withColumn("individual_id", "long", minValue=1, maxValue=n_ind, random=True)
            .withColumn("identifier_type", "string", values=IDENTIFIER[0], weights=IDENTIFIER[1], random=True)
            .withColumn("first_seen", "timestamp", begin="2025-01-01 00:00:00", end=WINDOW_START, interval="1 minute", random=True)
            .withColumn("last_seen", "timestamp", expr="timestampadd(SECOND, pmod(hash(mapping_id), 31536000), first_seen)", baseColumn=["mapping_id", "first_seen"])
            .withColumn("active", "boolean", expr="last_seen >= timestamp'2025-12-01 00:00:00'", baseColumn="last_seen")
            .withColumn("confidence_score", "float", minValue=0.7, maxValue=1.0, step=0.001, random=True)
            .withColumn("is_primary", "boolean", values=[True, False], weights=[25, 75], random=True)
            .build()
        )
        return df.withColumn("identifier_value", udf["identifier"]("mapping_id", "identifier_type"))

    def content_engagements():
        df = (
            dg.DataGenerator(spark, name="content_engagements", rows=args.content_engagements, **common)
            .withColumn("event_id", "long", minValue=1, maxValue=args.content_engagements)
            .withColumn("individual_id", "long", minValue=1, maxValue=n_ind, random=True)
            .withColumn("content_id", "string", format="content_%06d", minValue=1, maxValue=50000, random=True)
            .withColumn("content_category", "string", values=CATEGORY[0], weights=CATEGORY[1], random=True)
            .withColumn("engagement_type", "string", values=ENGAGEMENT[0], weights=ENGAGEMENT[1], random=True)
            .withColumn("event_ts", "timestamp", begin=WINDOW_START, end=WINDOW_END, interval="1 second", random=True)
            .withColumn("duration_seconds", "int", expr="CASE WHEN engagement_type = 'view' THEN 5 + pmod(hash(event_id, 7), 3600) END", baseColumn=["event_id", "engagement_type"])
            .withColumn("device_type", "string", values=DEVICE[0], weights=DEVICE[1], random=True)
            .build()
        )
        return df.withColumn("session_id", udf["session"](F.col("event_id")))

    return {"households": households, "individuals": individuals, "identity_mappings": identity_mappings, "content_engagements": content_engagements}


def commit_metrics(table_dir):
    """Rows and files (= write tasks with rows) from the table's first Delta commit."""
    log = os.path.join(table_dir, "_delta_log", "00000000000000000000.json")
    if not os.path.isfile(log):
        return {}
    with open(log, encoding="utf-8") as f:
        for line in f:
            info = json.loads(line).get("commitInfo")
            if info:
                m = info.get("operationMetrics", {})
                return {"files": int(m.get("numFiles", 0)), "rows": int(m.get("numOutputRows", 0))}
    return {}


def main(argv):
    args = parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.perf_counter()
    warehouse = tempfile.mkdtemp(prefix="sg-baseline-wh-")
    spark, result_out = start_spark(args, warehouse)
    start_s = time.perf_counter() - t0
    # The seeds' rule (implementation-summary.md "Partitioning"), never below the local cores.
    partitions = max(args.cores, min(200, args.households // 10000))
    result = {"spark": spark.version, "partitions": partitions, "sessionStartSeconds": round(start_s, 3), "tables": {}}
    try:
        for name, build in specs(spark, args, partitions).items():
            path = os.path.join(args.out, name)
            t = time.perf_counter()
            build().write.format(args.format).mode("overwrite").save(path)
            seconds = time.perf_counter() - t
            entry = {"seconds": round(seconds, 3), "rows": getattr(args, name)}
            entry.update(commit_metrics(path))
            result["tables"][name] = entry
            print(f"baseline: {name} {entry['rows']} rows in {seconds:.1f} s", file=sys.stderr, flush=True)
    finally:
        spark.stop()
        shutil.rmtree(warehouse, ignore_errors=True)
    result["totalSeconds"] = round(sum(t["seconds"] for t in result["tables"].values()), 3)
    print(json.dumps(result), file=result_out, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
