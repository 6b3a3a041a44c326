package org.seawallsim.sweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.seawallsim.scenario.run.Sweep;
import org.seawallsim.scenario.run.SweepExecutor;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a sweep as one Spark job with one task per point. A task gets the point's {@link Sweep.Task} (scenario text
 * and settings, so executors need no files) and returns the bytes of its result folder; the driver writes each
 * folder as its task finishes, so an interrupted job keeps what it finished. A task that throws is retried by Spark
 * up to spark.task.maxFailures attempts; the last attempt reports the failure as an outcome instead of throwing, so
 * one broken point does not abort the job and the others finish.
 */
public final class SparkSweepExecutor implements SweepExecutor {
    /** Spark's default spark.task.maxFailures on a cluster; local masters get it too, as local[N,4]. */
    public static final int DEFAULT_MAX_FAILURES = 4;

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|[1-9][0-9]*)(?:,([1-9][0-9]*))?\\])?");
    /** spark://HOST:PORT[,HOST:PORT...]: a host name or address (IPv6 in brackets) and a port of up to 5 digits. */
    private static final String HOST_PORT = "(?:[^\\s,:/\\[\\]]+|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}";
    private static final Pattern STANDALONE = Pattern.compile("spark://" + HOST_PORT + "(?:," + HOST_PORT + ")*");

    private final String master;
    private final JavaSparkContext borrowed;

    /** An executor that starts (and stops) its own Spark context; a null master takes spark-submit's. */
    public SparkSweepExecutor(String master) {
        if (master == null && System.getProperty("spark.master") == null) {
            throw new IllegalArgumentException("'submit' takes the master from spark-submit, and none is set here; "
                    + "give local[*] or spark://HOST:7077");
        }
        this.master = master == null ? null : withRetries(master);
        this.borrowed = null;
    }

    /** An executor on a running context (a notebook's or a test's), which it leaves running. */
    public SparkSweepExecutor(JavaSparkContext context) {
        this.master = context.master();
        this.borrowed = context;
    }

    /**
     * A local master with the retries a cluster has: Spark's local[N] tries a task only once, local[N,F] F times.
     * Other masters are returned as they are; a malformed local one is refused.
     */
    static String withRetries(String master) {
        if (!master.startsWith("local")) {
            // Refused here what SparkContext cannot start, which it reported only once the sweep had started, with
            // its stack trace ("Could not parse Master URL"). Spark 4 has no Mesos support at all; YARN and
            // Kubernetes need their cluster managers (spark-yarn, spark-kubernetes), which only a cluster's Spark
            // under spark-submit brings: the embedded Spark here is spark-core alone.
            if (master.startsWith("spark://")) {
                // Spark's own parser refused a malformed one only once the context started, with a stack trace
                // ("Invalid master URL").
                Matcher sm = STANDALONE.matcher(master);
                boolean ports = sm.matches();
                for (String hp : ports ? master.substring("spark://".length()).split(",") : new String[0]) {
                    int port = Integer.parseInt(hp.substring(hp.lastIndexOf(':') + 1));
                    ports &= port >= 1 && port <= 65535;
                }
                if (!ports) {
                    throw new IllegalArgumentException("a standalone master is spark://HOST:PORT (port 1-65535; "
                            + "several for high availability as spark://HOST1:PORT1,HOST2:PORT2), got '" + master
                            + "'");
                }
                return master;
            }
            String local = "the embedded Spark here runs local, local[N], local[*], local[N,F] and spark://HOST:PORT";
            if (master.matches("mesos://.+")) {
                throw new IllegalArgumentException("Spark 4 has no Mesos support (removed in 4.0); " + local);
            }
            String manager = master.equals("yarn") ? "org.apache.spark.deploy.yarn.YarnClusterManager"
                    : master.matches("k8s://.+") ? "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager"
                    : null;
            if (manager == null) {
                throw new IllegalArgumentException("a master is local, local[N], local[*], local[N,F] or "
                        + "spark://HOST:PORT (or 'submit' under spark-submit), got '" + master + "'");
            }
            try {
                Class.forName(manager, false, SparkSweepExecutor.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("this Spark has no " + (master.equals("yarn") ? "YARN"
                        : "Kubernetes") + " support (" + manager.substring(manager.lastIndexOf('.') + 1)
                        + " is not on the class path); " + local + ". For a cluster, spark-submit the "
                        + "seawall-sim-spark-submit jar with its --master and give --spark submit (README.md, "
                        + "\"Sweeps on Apache Spark\")");
            }
            return master;
        }
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            throw new IllegalArgumentException("a local master is local, local[N], local[*] or local[N,F] (F = "
                    + "attempts per task), got '" + master + "'");
        }
        String threads = m.group(1) == null ? "1" : m.group(1);
        String attempts = m.group(2) == null ? Integer.toString(DEFAULT_MAX_FAILURES) : m.group(2);
        return "local[" + threads + "," + attempts + "]";
    }

    /** Attempts per task as Spark will make them: F of local[N,F], 1 for other local masters, else the setting. */
    static int maxFailures(SparkConf conf) {
        String m = conf.get("spark.master", "");
        Matcher lm = LOCAL.matcher(m);
        if (lm.matches()) {
            return lm.group(2) == null ? 1 : Integer.parseInt(lm.group(2));
        }
        return conf.getInt("spark.task.maxFailures", DEFAULT_MAX_FAILURES);
    }

    @Override
    public String describe() {
        return "Spark " + (master == null ? "(master from spark-submit)" : master);
    }

    @Override
    public void execute(List<Sweep.Task> tasks, Sweep.PointFunction point, Consumer<Sweep.Outcome> sink) {
        if (tasks.isEmpty()) {
            return; // a fully resumed sweep does not start Spark
        }
        if (borrowed != null) {
            run(borrowed, tasks, point, sink);
            return;
        }
        SparkConf conf = new SparkConf().setAppName("seawall-sim sweep");
        if (master != null) {
            conf.setMaster(master);
        }
        if (conf.get("spark.master", "").startsWith("local")) {
            // Embedded: no web UI to bind, and the driver on the loopback interface whatever the host name resolves to.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // Each result is written and dropped as it arrives, so the sum of all results needs no cap.
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        // After Ctrl-C Spark's own shutdown hook stops the context under the running job, and its scheduler and
        // executor threads log each task they can no longer hand on as an ERROR with a stack trace: noise about the
        // interruption, which the command line reports in one line. Embedded Spark falls silent then instead.
        Thread quiet = new Thread(() -> Configurator.setLevel("org.apache.spark", Level.OFF), "quiet-spark-on-exit");
        boolean embedded = conf.get("spark.master", "").startsWith("local");
        if (embedded) {
            Runtime.getRuntime().addShutdownHook(quiet);
        }
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            run(jsc, tasks, point, sink);
        } finally {
            if (embedded) {
                try {
                    Runtime.getRuntime().removeShutdownHook(quiet);
                } catch (IllegalStateException shuttingDown) {
                    // the hook has run or is running
                }
            }
        }
    }

    private static void run(JavaSparkContext jsc, List<Sweep.Task> tasks, Sweep.PointFunction point,
            Consumer<Sweep.Outcome> sink) {
        int attempts = maxFailures(jsc.getConf());
        // One partition per point: Spark schedules, retries and reports each point on its own.
        JavaRDD<Sweep.Task> rdd = jsc.parallelize(tasks, tasks.size());
        List<Object> partitions = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            partitions.add(i);
        }
        ClassTag<Sweep.Outcome> tag = ClassTag$.MODULE$.apply(Sweep.Outcome.class);
        jsc.setJobDescription("seawall-sim sweep: " + tasks.size() + " runs");
        // Spark calls the result handler on its one scheduler thread; writing a run folder there (6 files, a
        // rename; 15-18 ms on this machine's busy disk) would make the driver's disk the bottleneck, so writers,
        // as many as task slots, do it instead.
        int slots = Math.max(1, Math.min(16, jsc.defaultParallelism()));
        ExecutorService writers = Executors.newFixedThreadPool(slots);
        List<Future<?>> writes = Collections.synchronizedList(new ArrayList<>());
        try {
            jsc.sc().runJob(rdd.rdd(), new RunPoint(point, attempts),
                    CollectionConverters.asScala(partitions).toSeq(),
                    new Deliver(o -> writes.add(writers.submit(() -> sink.accept(o)))), tag);
            synchronized (writes) {
                for (Future<?> w : writes) {
                    Sweep.await(w);
                }
            }
        } finally {
            writers.shutdownNow();
        }
    }

    /** The task: one attempt at its point; throws (for a retry) unless this is the last attempt. */
    private static final class RunPoint extends AbstractFunction2<TaskContext, Iterator<Sweep.Task>, Sweep.Outcome>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Sweep.PointFunction point;
        private final int attempts;

        RunPoint(Sweep.PointFunction point, int attempts) {
            this.point = point;
            this.attempts = attempts;
        }

        @Override
        public Sweep.Outcome apply(TaskContext ctx, Iterator<Sweep.Task> it) {
            int attempt = ctx.attemptNumber() + 1;
            return Sweep.attempt(point, it.next(), attempt, attempt >= attempts);
        }
    }

    /** On the driver, as each task succeeds: hands its outcome to the sweep, which writes it. */
    private static final class Deliver extends AbstractFunction2<Object, Sweep.Outcome, BoxedUnit>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Consumer<Sweep.Outcome> sink;

        Deliver(Consumer<Sweep.Outcome> sink) {
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, Sweep.Outcome o) {
            sink.accept(o);
            return BoxedUnit.UNIT;
        }
    }
}
