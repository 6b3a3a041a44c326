#!/usr/bin/env bash
# End-to-end check of the cluster path without a Spark installation: starts a Spark standalone master and one worker
# (the classes ship in spark-core) on 127.0.0.1, submits the spark-submit jar with SparkSubmit (what the spark-submit
# script runs), so every run executes in an executor JVM the worker starts, then compares every result file with
# the same sweep on the local pool. Stops the master and worker it started. Takes a minute or two.
# Usage: sweep-spark/bench/standalone-cluster.sh [SCENARIO]   (default: the 8-run sweep of SparkSweepTest's shape)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d)"
"$ROOT/seawall-sim" --version >/dev/null # builds sweep-spark/target/spark.classpath
(cd "$ROOT" && mvn -q -B -ntp -Pspark-submit -Dmaven.test.skip=true package -pl sweep-spark -am)
FILE="${1:-$WORK/udp.yaml}"
if [ $# -eq 0 ]; then
  cat >"$FILE" <<'YAML'
topology: {builder: star, hosts: 3}
tenants:
  a: {vms: {a: {host: h0, traffic: [{type: udp, to: ar}]}, ar: {host: h2}}}
  b: {weight: 2, vms: {b: {host: h1, traffic: [{type: onoff, to: br, rateMbps: [100, 300], onS: 0.05, offS: 0.05, exponential: true}]}, br: {host: h2}}}
scheme: [tcp, seawall]
durationS: 0.3
warmupS: 0.1
sampleIntervalS: 0.05
repetitions: 2
YAML
fi
# A SPARK_HOME whose jars/ are the Maven-resolved Spark jars: the worker builds executor class paths from it.
mkdir -p "$WORK/spark-home/jars"
tr ':' '\n' <"$ROOT/sweep-spark/target/spark.classpath" | while read -r j; do ln -s "$j" "$WORK/spark-home/jars/"; done
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' "$ROOT/sweep-spark/pom.xml")
CP="$SPARK_HOME/jars/*"
PORT=$((17000 + RANDOM % 1000))
# shellcheck disable=SC2086
java $OPENS -Xmx256m -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" \
  --webui-port $((PORT + 1)) >"$WORK/master.log" 2>&1 &
MASTER=$!
# shellcheck disable=SC2086
java $OPENS -Xmx256m -cp "$CP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --webui-port $((PORT + 2)) \
  --cores 2 --memory 1g "spark://127.0.0.1:$PORT" >"$WORK/worker.log" 2>&1 &
WORKER=$!
trap 'kill $WORKER $MASTER 2>/dev/null || true' EXIT
for _ in $(seq 120); do grep -q "Successfully registered with master" "$WORK/worker.log" && break; sleep 1; done
# shellcheck disable=SC2086
java $OPENS -cp "$CP" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$PORT" --deploy-mode client \
  --executor-memory 512m --class org.seawallsim.cli.SeawallSim "$ROOT/sweep-spark/target/seawall-sim-spark-submit.jar" \
  sweep "$FILE" --spark submit --no-plots --out "$WORK/cluster" 2>"$WORK/submit.log"
"$ROOT/seawall-sim" sweep "$FILE" --jobs 1 --no-plots --quiet --out "$WORK/local"
grep -q "Launching executor" "$WORK/master.log" && echo "runs executed in a worker-launched executor JVM"
diff -r "$WORK/local" "$WORK/cluster" && echo "cluster sweep identical to the local one, every file byte for byte ($WORK)"
