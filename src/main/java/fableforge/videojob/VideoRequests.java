package fableforge.videojob;

import fableforge.auth.Caller;
import fableforge.failure.UserFacingException;
import fableforge.spend.SpendLedger;
import fableforge.spend.Spending;
import fableforge.store.ImageRepository;
import fableforge.store.StoryRecord;
import fableforge.store.StoryRepository;
import fableforge.store.StoryStatus;
import fableforge.store.Transactions;
import fableforge.store.VideoRecord;
import fableforge.store.VideoRepository;
import fableforge.story.AspectRatio;
import fableforge.story.Beat;
import fableforge.story.VideoLength;
import fableforge.video.CaptionStyle;
import fableforge.studio.SpendCheck;
import fableforge.studio.StoryLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Whether a video may be made as asked, checked before anything is queued: options this server can
 * do, all 20 images approved, the daily spend caps for paid narration and clips, and one video in progress
 * per story (the same options again get that one back; other options wait for it).
 */
public final class VideoRequests {

    private final StoryLookup lookup;
    private final ImageRepository images;
    private final VideoRepository videos;
    private final VideoTools tools;
    private final VideoQuote quote;
    private final MusicLibrary music;
    private final Spending spending;
    private final Transactions transactions;

    public VideoRequests(StoryRepository stories, ImageRepository images, VideoRepository videos, VideoTools tools,
                         VideoQuote quote, MusicLibrary music, Spending spending, Transactions transactions) {
        this.transactions = transactions;
        this.lookup = new StoryLookup(stories);
        this.images = images;
        this.videos = videos;
        this.tools = tools;
        this.music = music;
        this.spending = spending;
        this.quote = quote;
    }

    VideoRepository.Requested request(Caller caller, String storyId, VideoOptions asked) {
        StoryRecord story = lookup.require(caller, storyId);
        checkOptions(caller, asked);
        VideoOptions options = resolved(story, asked);
        int approved = images.countApproved(storyId);
        if (story.status() != StoryStatus.ALL_APPROVED || approved < Beat.TOTAL_SCENES) {
            throw new UserFacingException(UserFacingException.Kind.CONFLICT, "the video is made from approved images: approve all "
                    + Beat.TOTAL_SCENES + " first (" + approved + " of " + Beat.TOTAL_SCENES + " approved)");
        }
        // One transaction: of requests at the same moment one queues the video (a unique index allows one
        // unfinished video per story) and reserves its quote; a refused reservation (402) queues nothing.
        VideoRepository.Requested requested = transactions.inTransaction(() -> {
            VideoRepository.Requested queued = videos.request(storyId, options.clips(), options.narration(), options.draft(),
                    options.musicKey(), options.lengthSeconds(), options.captionStyle());
            if (queued.created()) {
                SpendCheck.within(() -> keepReservation(story, queued.video().version(), options));
            }
            return queued;
        });
        VideoRecord video = requested.video();
        if (!requested.created() && !video.sameOptions(options.clips(), options.narration(), options.draft(), options.musicKey(),
                options.lengthSeconds(), options.captionStyle())) {
            throw new UserFacingException(UserFacingException.Kind.CONFLICT, "version " + video.version() + " of this video is still being made ("
                    + describe(video) + "); wait for it to finish, then ask again with the new options");
        }
        return requested;
    }

    /** The options as the video will be made: the length defaulted by the story's shape, the caption style by the server's. */
    private VideoOptions resolved(StoryRecord story, VideoOptions options) {
        int length = options.lengthSeconds() != null ? options.lengthSeconds()
                : VideoLength.defaultSeconds(AspectRatio.fromLabel(story.aspectRatio()));
        return new VideoOptions(options.clips(), options.narration(), options.draft(), options.musicKey(), length,
                options.captions(tools.captionStyle()).wire());
    }

    private void checkOptions(Caller caller, VideoOptions options) {
        if (options.lengthSeconds() != null && !VideoLength.allowed(options.lengthSeconds())) {
            throw bad(VideoLength.rule("length_seconds") + " (9:16 and 1:1 default to 60, 16:9 to 120), not " + options.lengthSeconds());
        }
        if (options.captionStyle() != null && CaptionStyle.fromWire(options.captionStyle()).isEmpty()) {
            throw bad("caption_style must be one of " + String.join(", ", CaptionStyle.wireNames()) + ", not \"" + abbreviate(options.captionStyle()) + "\"");
        }
        if (!VideoTools.CLIP_SOURCES.contains(options.clips())) {
            throw bad("clips must be one of " + String.join(", ", VideoTools.CLIP_SOURCES) + ", not \"" + abbreviate(options.clips()) + "\"");
        }
        if (!tools.clipSources().contains(options.clips())) {
            throw bad(tools.unavailableBecause(options.clips()));
        }
        if (!VideoTools.NARRATIONS.contains(options.narration())) {
            throw bad("narration must be one of " + String.join(", ", VideoTools.NARRATIONS) + ", not \"" + abbreviate(options.narration()) + "\"");
        }
        if (!tools.narrations().contains(options.narration())) {
            throw bad(tools.unavailableBecause(options.narration()));
        }
        if (options.musicKey().isPresent()) {
            String key = options.musicKey().get();
            try {
                // Someone else's upload is as unknown as one that never was.
                if (!MusicLibrary.belongsTo(caller, key) || !music.exists(key)) {
                    throw bad("no uploaded music with music_key \"" + abbreviate(key) + "\"; upload the file to POST /api/music first and send the key it answers");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the media store could not be asked for the music", e);
            }
        }
    }

    /** Reserves the video's quote, or passes on the reservation it holds (a render checks again as it starts). */
    void keepReservation(StoryRecord story, int version, VideoOptions options) throws SpendLedger.SpendLimitReached {
        spending.reserveVideo(Spending.spenderOf(story.ownerId()), story.storyId(), version, quote.cost(story, options),
                "the video with " + options.narration() + " narration and " + options.clips() + " clips");
    }

    /** The render ended, done or failed: its reservation goes (its real cost is in the ledger). */
    void settle(String storyId, int version) {
        spending.settleVideo(storyId, version);
    }

    private static String describe(VideoRecord video) {
        return "clips " + video.clips() + ", narration " + video.narration() + (video.draft() ? ", draft" : ", full size")
                + (video.lengthSeconds() != null ? ", " + video.lengthSeconds() + " s" : "")
                + (video.captionStyle() != null ? ", " + video.captionStyle() + " captions" : "")
                + (video.musicKey().isPresent() ? ", with music" : "");
    }

    private static UserFacingException bad(String message) {
        return new UserFacingException(UserFacingException.Kind.BAD_REQUEST, message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
