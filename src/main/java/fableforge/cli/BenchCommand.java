package fableforge.cli;

import fableforge.bench.PollBenchmark;
import fableforge.bench.SchedulerBenchmark;
import fableforge.bench.SseBenchmark;
import fableforge.bench.SseResult;
import fableforge.bench.VideoBenchmark;
import fableforge.story.AspectRatio;
import fableforge.video.RenderQuality;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fableforge bench}: benchmarks that print figures side by side; they never pass or fail on time. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures side by side.",
        subcommands = {BenchCommand.Scheduler.class, BenchCommand.Video.class, BenchCommand.Sse.class, BenchCommand.Poll.class})
public final class BenchCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "scheduler", mixinStandardHelpOptions = true,
            description = {"Images through the offline provider with simulated latency under a rate limit:",
                    "FableForge's scheduler against the seed's batches-of-10-with-40-s-pause, beside the lower bound."})
    static final class Scheduler implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--images", defaultValue = "20", description = "images per run (default: ${DEFAULT-VALUE})")
        int images;

        @Option(names = "--rate", defaultValue = "15", description = "provider rate limit, images per minute (default: ${DEFAULT-VALUE})")
        int rate;

        @Option(names = "--concurrency", defaultValue = "10", description = "calls in flight (default: ${DEFAULT-VALUE})")
        int concurrency;

        @Option(names = "--latency-ms", defaultValue = "12000", description = "provider latency per image, real time (default: ${DEFAULT-VALUE})")
        long latencyMs;

        @Option(names = "--scale", defaultValue = "0.05", description = "time factor, 0.05 = 20× faster than real time (default: ${DEFAULT-VALUE})")
        double scale;

        @Option(names = "--runs", defaultValue = "3", description = "runs per policy, the median is shown (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--draw", description = "really draw each image with the offline illustrator (adds CPU time to both)")
        boolean draw;

        @Override
        public Integer call() throws InterruptedException {
            if (images < 1 || rate < 1 || concurrency < 1 || latencyMs < 0 || runs < 1 || !(scale > 0 && scale <= 1)) {
                spec.commandLine().getErr().println("fableforge: --images, --rate, --concurrency and --runs must be at least 1,"
                        + " --latency-ms at least 0, and --scale between 0 and 1");
                return 2;
            }
            PrintWriter out = spec.commandLine().getOut();
            new SchedulerBenchmark(new SchedulerBenchmark.Settings(images, rate, concurrency, Duration.ofMillis(latencyMs),
                    scale, 10, Duration.ofSeconds(40), draw, runs)).run(out);
            return 0;
        }
    }

    @Command(name = "video", mixinStandardHelpOptions = true,
            description = {"Frames per second of the whole local video render (camera motion, dissolves, captions, encode)",
                    "against a bare FFmpeg encode of the same number of frames at the same settings, and their ratio."})
    static final class Video implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--scenes", defaultValue = "20", description = "scenes in the video (default: ${DEFAULT-VALUE})")
        int scenes;

        @Option(names = "--scene-seconds", defaultValue = "3", description = "seconds each scene lasts (default: ${DEFAULT-VALUE})")
        double sceneSeconds;

        @Option(names = "--aspect", defaultValue = "9:16", description = "9:16 (1080×1920), 16:9 or 1:1 (default: ${DEFAULT-VALUE})")
        String aspect;

        @Option(names = "--draft", description = "measure the 480p draft instead of the full size")
        boolean draft;

        @Option(names = "--rounds", defaultValue = "3",
                description = "warm renders, each timed beside a bare encode, the median reported (default: ${DEFAULT-VALUE})")
        int rounds;

        @Override
        public Integer call() throws Exception {
            AspectRatio ratio;
            try {
                ratio = AspectRatio.fromLabel(aspect);
            } catch (IllegalArgumentException e) {
                ratio = null;
            }
            if (scenes < 1 || !(sceneSeconds >= 1 && sceneSeconds <= 60) || ratio == null || rounds < 1 || rounds > 9) {
                spec.commandLine().getErr().println("fableforge: --scenes must be at least 1, --scene-seconds between 1 and 60,"
                        + " --aspect one of 9:16, 16:9, 1:1, --rounds between 1 and 9");
                return 2;
            }
            new VideoBenchmark(new VideoBenchmark.Settings(scenes, sceneSeconds, draft ? RenderQuality.DRAFT : RenderQuality.FINAL, ratio,
                    rounds))
                    .run(spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "sse", mixinStandardHelpOptions = true,
            description = {"Event delivery to many Server-Sent Events clients on one story: latency from emit() to each client's",
                    "read of the data: line (p50/p99/max) and whether every client got every event exactly once, in order;",
                    "on one node, and on two nodes sharing PostgreSQL and Redis (clients on A, events emitted on B), side by side.",
                    "Exit 0 when every mode ran without loss, 3 otherwise, 2 on a bad option or too low a file limit."})
    static final class Sse implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--clients", defaultValue = "1000", description = "concurrent SSE connections (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--events", defaultValue = "200", description = "events emitted per mode (default: ${DEFAULT-VALUE})")
        int events;

        @Option(names = "--rate", defaultValue = "20", description = "events emitted per second, steadily (default: ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--warmup", defaultValue = "100",
                description = {"events emitted at the same rate before the measured ones, not counted, so the server's code is",
                        "compiled as a running server's is (default: ${DEFAULT-VALUE})"})
        int warmup;

        @Option(names = "--nodes", defaultValue = "both", description = "1, 2 or both (default: ${DEFAULT-VALUE})")
        String nodes;

        @Option(names = "--database-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
                description = {"PostgreSQL of the two-node mode (jdbc:postgresql://… or postgres://…); the run creates its own",
                        "schema ff_bench_<random> in it and drops it at the end (default: ${DEFAULT-VALUE})"})
        String databaseUrl;

        @Option(names = "--redis-url", defaultValue = "redis://127.0.0.1:6379",
                description = "Redis of the two-node mode; keys and channels get a random prefix, deleted at the end (default: ${DEFAULT-VALUE})")
        String redisUrl;

        @Option(names = "--wait-seconds", defaultValue = "30",
                description = "how long after the last emit clients may take before what is missing counts as lost (default: ${DEFAULT-VALUE})")
        int waitSeconds;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            SseBenchmark.Nodes which = switch (nodes) {
                case "1" -> SseBenchmark.Nodes.ONE;
                case "2" -> SseBenchmark.Nodes.TWO;
                case "both" -> SseBenchmark.Nodes.BOTH;
                default -> null;
            };
            if (clients < 1 || events < 1 || warmup < 0 || !(rate > 0 && rate <= 10_000) || waitSeconds < 1 || which == null) {
                err.println("fableforge: --clients, --events and --wait-seconds must be at least 1, --warmup at least 0, --rate above 0"
                        + " (at most 10000), --nodes 1, 2 or both");
                return 2;
            }
            var shortage = SseBenchmark.fileDescriptorShortage(clients);
            if (shortage.isPresent()) {
                err.println("fableforge: " + shortage.get());
                return 2;
            }
            List<SseResult> results = new SseBenchmark(new SseBenchmark.Settings(clients, events, warmup, rate, which, databaseUrl,
                    redisUrl, Duration.ofSeconds(waitSeconds))).run(spec.commandLine().getOut());
            return results.stream().allMatch(SseResult::clean) ? 0 : 3;
        }
    }

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = {"GET /story of a finished 20-image story with N concurrent pollers (requests per second, p50/p99),",
                    "beside the same bytes served as a static file by the same server software, and their ratio."})
    static final class Poll implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--clients", defaultValue = "32", description = "concurrent pollers, each on a kept-alive connection (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--seconds", defaultValue = "10", description = "seconds measured per run (default: ${DEFAULT-VALUE})")
        int seconds;

        @Override
        public Integer call() throws Exception {
            if (clients < 1 || clients > 1000 || seconds < 1 || seconds > 600) {
                spec.commandLine().getErr().println("fableforge: --clients must be from 1 to 1000 and --seconds from 1 to 600");
                return 2;
            }
            new PollBenchmark(new PollBenchmark.Settings(clients, seconds)).run(spec.commandLine().getOut());
            return 0;
        }
    }
}
