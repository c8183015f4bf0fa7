package fableforge.spend;

import fableforge.image.PriceQuote;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.wire.StoryDocument;
import fableforge.image.AspectRatio;
import fableforge.spend.SpendLedger.SpendLimitReached;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The money side of a story as the user sees it: what it has cost so far, what the next step will
 * cost before it is started, and the daily caps that reserve what each step is quoted at, or refuse it.
 */
public final class Spending {

    private final SpendLedger ledger;
    private final Function<AspectRatio, PriceQuote> imageQuote;

    public Spending(SpendLedger ledger, Function<AspectRatio, PriceQuote> imageQuote) {
        this.ledger = ledger;
        this.imageQuote = imageQuote;
    }

    /**
     * Reserves the quote of each new image attempt ({@code scene} → {@code attempt}) for the story's
     * owner, or refuses them all when a daily cap cannot take them; free images are always allowed.
     */
    public void reserveImages(String userId, String storyId, java.util.Map<Integer, Integer> attempts, AspectRatio aspectRatio)
            throws SpendLimitReached {
        PriceQuote quote = imageQuote.apply(aspectRatio);
        List<SpendLedger.Hold> holds = attempts.entrySet().stream()
                .map(entry -> new SpendLedger.Hold(imageHold(storyId, entry.getKey(), entry.getValue()), "image", quote.usd()))
                .toList();
        ledger.reserve(userId, storyId, holds, holds.size() == 1 ? "the new image" : "drawing " + holds.size() + " images");
    }

    /** A queued image about to be drawn: passes on its reservation, or reserves again if it expired or never was. */
    public void keepImage(String userId, String storyId, int scene, int attempt, AspectRatio aspectRatio) throws SpendLimitReached {
        ledger.reserve(userId, storyId, List.of(new SpendLedger.Hold(imageHold(storyId, scene, attempt), "image",
                imageQuote.apply(aspectRatio).usd())), "image " + scene + " (version " + attempt + ")");
    }

    /** The attempt ended (drawn or failed): its reservation goes. */
    public void settleImage(String storyId, int scene, int attempt) {
        ledger.settle(imageHold(storyId, scene, attempt));
    }

    /** Refuses writing a story when {@code userId}'s day, or everyone's, has reached its cap and the writer is paid. */
    public void allowStory(String userId, boolean paidWriter) throws SpendLimitReached {
        ledger.checkCanSpend(userId, paidWriter ? Optional.empty() : Optional.of(BigDecimal.ZERO), "writing the story");
    }

    /**
     * Reserves the quote of a video ({@code upcoming}; empty: price unknown, so accepted only below
     * the caps) or refuses it when a cap cannot take it.
     */
    public void reserveVideo(String userId, String storyId, int version, Optional<BigDecimal> upcoming, String what) throws SpendLimitReached {
        ledger.reserve(userId, storyId, List.of(new SpendLedger.Hold(videoHold(storyId, version), "video", upcoming)), what);
    }

    /** The render ended (done or failed): its reservation goes. */
    public void settleVideo(String storyId, int version) {
        ledger.settle(videoHold(storyId, version));
    }

    /** Whose daily spend a story's work counts against: its owner, or the one user of a service without accounts. */
    public static String spenderOf(String ownerId) {
        return ownerId == null ? SpendLedger.OPEN_USER : ownerId;
    }

    static String imageHold(String storyId, int scene, int attempt) {
        return "image:" + storyId + ":" + scene + ":" + attempt;
    }

    static String videoHold(String storyId, int version) {
        return "video:" + storyId + ":" + version;
    }

    /**
     * The {@code cost} object of a story's API view; {@code nextStep} names the step the user can
     * take next ({@code approve_scenes} or empty when only single regenerations remain).
     */
    public StoryDocument.Cost costOf(String storyId, AspectRatio aspectRatio, boolean scenesAwaitApproval) {
        StorySpend spent = ledger.ofStory(storyId);
        PriceQuote perImage = imageQuote.apply(aspectRatio);
        List<StoryDocument.CostLine> lines = spent.lines().stream()
                .map(line -> new StoryDocument.CostLine(line.stage(), line.model(), line.calls(), line.usd())).toList();
        StoryDocument.NextStep next = !scenesAwaitApproval ? null : new StoryDocument.NextStep("approve_scenes",
                "20 images with " + perImage.provider() + " (" + perImage.detail() + ")", 20, perImage.times(20).orElse(null));
        return new StoryDocument.Cost(spent.totalUsd(), spent.unpricedCalls(), lines, next, perImage.usd().orElse(null),
                ledger.spentToday(), ledger.reserved(), ledger.dailyLimit().orElse(null));
    }
}
