package fableforge.videojob;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.job.JobWorker;
import fableforge.job.WorkerSettings;
import fableforge.provider.ProviderException;
import fableforge.store.JobKey;
import fableforge.store.StoryRepository;
import fableforge.store.VideoRecord;
import fableforge.store.VideoRepository;
import fableforge.studio.StoredStory;
import fableforge.studio.StoryEvents;
import fableforge.studio.StoryView;
import fableforge.wire.EventPayload;
import fableforge.wire.StoryDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Videos as jobs kept in the database, like {@link ImageJobs}: a {@code video} row in status queued
 * or running is a render not yet done. Any node with a worker claims one under a lease and renders it
 * from the beginning; a render whose node died or stopped is claimed again (a render is minutes at
 * most, and its half-written file lived only in that node's work directory). At most
 * {@code maxRenders} render at once on a node, since one render keeps every core busy.
 */
public final class VideoJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoJobs.class);
    static final int MAX_RUNS = 3;

    private final StoryRepository stories;
    private final VideoRepository videos;
    private final VideoView view;
    private final StoryView storyView;
    private final VideoRender render;
    private final VideoRequests requests;
    private final StoryEvents events;
    private final ObjectMapper mapper;
    private final Path workRoot;
    private final Optional<JobWorker<JobKey>> worker;
    private final boolean soleNode;
    private final String node;
    private volatile boolean stopping;

    /**
     * @param workRoot where this node's renders keep their files until they are stored (emptied at
     *                 start-up), a directory of its own inside the one all nodes' work directories share
     */
    public VideoJobs(StoryRepository stories, VideoRepository videos, VideoView view, StoryView storyView, VideoRender render,
                     VideoRequests requests, StoryEvents events, ObjectMapper mapper, int maxRenders, Path workRoot,
                     WorkerSettings settings) {
        this.stories = stories;
        this.videos = videos;
        this.view = view;
        this.storyView = storyView;
        this.render = render;
        this.requests = requests;
        this.events = events;
        this.mapper = mapper;
        this.workRoot = workRoot;
        this.worker = settings.worker("video", videos.jobs(), this::run, maxRenders);
        this.soleNode = settings.soleNode();
        this.node = settings.node();
    }

    /**
     * Queues a video of the story with these options and answers the job as {@code GET /story} shows
     * it. The same options again while it is queued or rendering answer the same job.
     */
    public StoryDocument.Video request(Caller caller, String storyId, VideoOptions options) {
        VideoRepository.Requested requested = requests.request(caller, storyId, options);
        VideoRecord video = requested.video();
        if (requested.created()) {
            LOG.info("[VIDEO] story={} version={} queued (clips={} narration={} draft={} music={})", storyId, video.version(),
                    video.clips(), video.narration(), video.draft(), video.musicKey().isPresent());
            submit(storyId, video.version());
        }
        return view.video(video).ofStory(storyId);
    }

    /**
     * Clears this node's work files (every node's, on the embedded database, whose earlier runs had
     * other ids) and starts its worker, which also takes over renders left unfinished.
     */
    public void start() {
        if (worker.isPresent()) {
            deleteWork(soleNode && workRoot.getParent() != null ? workRoot.getParent() : workRoot);
            worker.get().start();
        }
    }

    private void submit(String storyId, int version) {
        worker.ifPresent(JobWorker::wake);
    }

    private void run(JobKey job) {
        runNow(job.storyId(), job.number());
    }

    private void runNow(String storyId, int version) {
        var found = videos.find(storyId, version);
        var record = stories.find(storyId);
        if (found.isEmpty() || record.isEmpty() || found.get().finished() || stopping) {
            return;
        }
        VideoRecord video = videos.find(storyId, version).orElseThrow();
        if (video.runs() > MAX_RUNS) {
            // Each run ended with its node gone (a crash, kill -9, out of memory): a further run would
            // most likely take the next node down too.
            fail(storyId, version, "the render was started " + MAX_RUNS + " times and each time the server running it stopped"
                    + " before it finished; ask for the video again (a draft needs less memory)", null);
            return;
        }
        try {
            // Checked again as it starts: its reservation may have expired while it waited in the queue.
            requests.keepReservation(record.get(), version, new VideoOptions(video.clips(), video.narration(), video.draft(), video.musicKey()));
        } catch (fableforge.spend.SpendLedger.SpendLimitReached e) {
            fail(storyId, version, e.getMessage(), null);
            return;
        }
        Path work = workRoot.resolve(storyId + "-v" + version + "-run" + video.runs());
        int run = video.runs();
        VideoProgressEvents progress = new VideoProgressEvents((data, number) -> {
            view.progress(storyId, version, data);
            events.emit(storyId, data, "video:" + version + ":run" + run + ":" + number);
        }, version, !video.narration().equals("none"), record.get().scenes().size(), () -> stopping, System::nanoTime);
        Fallbacks fallbacks = new Fallbacks(videos, mapper, events, storyId, version);
        long started = System.nanoTime();
        LOG.info("[VIDEO] story={} version={} run {} started", storyId, version, video.runs());
        try {
            Files.createDirectories(work);
            ObjectNode storyJson = mapper.valueToTree(storyView.story(storyId));
            storyJson.remove("video");
            VideoRecord.Files files = render.run(new StoredStory(record.get(), mapper), video, storyJson, work, progress, fallbacks);
            // Marked done and announced in one transaction: never a done video left unannounced, and
            // of two runs of one version (a lease taken over from a stalled node) only the first counts.
            boolean first = events.atomically(() -> {
                if (!stillHeld(storyId, version) || !videos.markDone(storyId, version, files)) {
                    return false;
                }
                events.emit(storyId, ready(version, files, fallbacks), "video_ready:" + version);
                requests.settle(storyId, version);
                return true;
            });
            if (!first) {
                LOG.info("[VIDEO] story={} version={} was finished by another run; this run's files are not used", storyId, version);
                return;
            }
            LOG.info("[VIDEO] story={} version={} done in {} s: {} ({} bytes)", storyId, version,
                    (System.nanoTime() - started) / 1_000_000_000, files.videoKey(), files.sizeBytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ProviderException | IOException | RuntimeException | Error e) {
            if (stopping) {
                // Whatever broke while the server stops (a cancelled frame, an interrupted narration call),
                // the row stays running and the next start renders it again.
                LOG.info("[VIDEO] story={} version={} stopped by shutdown ({}); it renders again at the next start", storyId, version,
                        e.toString());
                return;
            }
            fail(storyId, version, switch (e) {
                case ProviderException provider -> "the narration could not be made: " + provider.getMessage();
                case UserFacingException refused -> refused.getMessage();
                default -> "the video could not be made: " + e.getMessage();
            }, e);
        } finally {
            deleteWork(work);
        }
    }

    /** Whether this node still holds the render: only the holder stores how it ended. */
    private boolean stillHeld(String storyId, int version) {
        return videos.jobs().holds(new JobKey(storyId, 0, version), node);
    }

    private static EventPayload.VideoReady ready(int version, VideoRecord.Files files, Fallbacks fallbacks) {
        return new EventPayload.VideoReady(version, files.videoUrl(), files.srtUrl(), files.fcpxmlUrl(), files.zipUrl(),
                files.durationMs() / 1000.0, files.width(), files.height(), files.sizeBytes(), fallbacks.list());
    }

    private void fail(String storyId, int version, String text, Throwable cause) {
        String error = events.userText(text);
        if (cause instanceof ProviderException) {
            // Its message is the provider's text, which the summary already says without secrets.
            LOG.warn("[VIDEO] story={} version={} failed: {}", storyId, version, error);
        } else {
            LOG.warn("[VIDEO] story={} version={} failed: {}", storyId, version, error, cause);
        }
        events.atomically(() -> {
            if (stillHeld(storyId, version) && videos.markFailed(storyId, version, error)) {
                events.emit(storyId, new EventPayload.VideoFailed(version, error), "video_failed:" + version);
                requests.settle(storyId, version);
            }
            return null;
        });
    }

    private static void deleteWork(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("[VIDEO] could not clear {}: {}", directory, e.toString());
        }
    }

    /** Stops taking work; a render in progress stops between two frames and is left for the next node (or start) to render. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (worker.isPresent()) {
            worker.get().close();
        }
    }

    /** The scenes of one render that fell back to local camera motion, kept on the row as they happen. */
    private static final class Fallbacks implements VideoTools.ClipFallbacks {
        private final VideoRepository videos;
        private final StoryEvents events;
        private final String storyId;
        private final int version;
        private final ObjectMapper mapper;
        private final List<StoryDocument.Fallback> list = new ArrayList<>();

        Fallbacks(VideoRepository videos, ObjectMapper mapper, StoryEvents events, String storyId, int version) {
            this.videos = videos;
            this.mapper = mapper;
            this.events = events;
            this.storyId = storyId;
            this.version = version;
        }

        @Override
        public synchronized void fellBack(int sceneNumber, String providerReason) {
            String reason = events.userText(providerReason);
            list.add(new StoryDocument.Fallback(sceneNumber, reason));
            videos.setFallbacks(storyId, version, mapper.valueToTree(list).toString());
            LOG.warn("[VIDEO] story={} version={} scene {} fell back to local camera motion: {}", storyId, version, sceneNumber, reason);
        }

        synchronized List<StoryDocument.Fallback> list() {
            return List.copyOf(list);
        }
    }
}
