package fableforge.review;

import java.util.Optional;

/**
 * What the user decided about one image: approve (optionally an earlier attempt) or reject (with a
 * reason or an edited prompt; {@code applyToPending} carries the reason's fix to scenes not yet drawn).
 */
public record ImageDecision(boolean approve, Optional<Integer> attempt, Optional<RejectReason> reason, Optional<String> prompt,
                            boolean applyToPending) {
}
