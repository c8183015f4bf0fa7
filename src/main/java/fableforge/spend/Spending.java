package fableforge.spend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.image.AspectRatio;
import fableforge.spend.SpendLedger.SpendLimitReached;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

/**
 * The money side of a story as the user sees it: what it has cost so far, what the next step will
 * cost before it is started, and the daily cap that refuses paid work once reached.
 */
public final class Spending {

    private final SpendLedger ledger;
    private final Function<AspectRatio, PriceQuote> imageQuote;

    public Spending(SpendLedger ledger, Function<AspectRatio, PriceQuote> imageQuote) {
        this.ledger = ledger;
        this.imageQuote = imageQuote;
    }

    /** Refuses {@code count} new images when the day's cap is reached and the images are not free. */
    public void allowImages(int count, AspectRatio aspectRatio) throws SpendLimitReached {
        ledger.checkCanSpend(imageQuote.apply(aspectRatio).times(count), count == 1 ? "the new image" : "drawing " + count + " images");
    }

    /** Refuses writing a story when the day's cap is reached and the writer is paid. */
    public void allowStory(boolean paidWriter) throws SpendLimitReached {
        ledger.checkCanSpend(paidWriter ? Optional.empty() : Optional.of(BigDecimal.ZERO), "writing the story");
    }

    /**
     * Refuses other paid work ({@code what}, e.g. "narrating the video") costing {@code upcoming}
     * (empty: price unknown, so treated as paid) when the day's cap is reached.
     */
    public void allow(Optional<BigDecimal> upcoming, String what) throws SpendLimitReached {
        ledger.checkCanSpend(upcoming, what);
    }

    /**
     * The {@code cost} object of a story's API view; {@code nextStep} names the step the user can
     * take next ({@code approve_scenes} or empty when only single regenerations remain).
     */
    public ObjectNode costOf(String storyId, AspectRatio aspectRatio, boolean scenesAwaitApproval, ObjectMapper mapper) {
        StorySpend spent = ledger.ofStory(storyId);
        PriceQuote perImage = imageQuote.apply(aspectRatio);
        ObjectNode cost = mapper.createObjectNode();
        cost.put("spent_usd", spent.totalUsd());
        cost.put("unpriced_calls", spent.unpricedCalls());
        var lines = cost.putArray("lines");
        spent.lines().forEach(line -> lines.addObject().put("stage", line.stage()).put("model", line.model())
                .put("calls", line.calls()).put("usd", line.usd()));
        if (scenesAwaitApproval) {
            ObjectNode next = cost.putObject("next_step");
            next.put("action", "approve_scenes");
            next.put("description", "20 images with " + perImage.provider() + " (" + perImage.detail() + ")");
            next.put("units", 20);
            putUsd(next, "estimate_usd", perImage.times(20));
        } else {
            cost.putNull("next_step");
        }
        putUsd(cost, "per_image_usd", perImage.usd());
        cost.put("today_usd", ledger.spentToday());
        putUsd(cost, "daily_limit_usd", ledger.dailyLimit());
        return cost;
    }

    private static void putUsd(ObjectNode node, String field, Optional<BigDecimal> usd) {
        if (usd.isPresent()) {
            node.put(field, usd.get());
        } else {
            node.putNull(field);
        }
    }
}
