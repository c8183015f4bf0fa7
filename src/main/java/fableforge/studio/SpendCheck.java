package fableforge.studio;

import fableforge.failure.UserFacingException;
import fableforge.spend.SpendLedger;

/** A check of the spend caps before paid work starts; {@link #within} turns its refusal into what the user sees. */
@FunctionalInterface
public interface SpendCheck {

    void run() throws SpendLedger.SpendLimitReached;

    /** Runs the check; a cap that refuses becomes the user's "spend limit" answer (402). */
    static void within(SpendCheck check) {
        try {
            check.run();
        } catch (SpendLedger.SpendLimitReached e) {
            throw new UserFacingException(UserFacingException.Kind.SPEND_LIMIT, e.getMessage());
        }
    }
}
