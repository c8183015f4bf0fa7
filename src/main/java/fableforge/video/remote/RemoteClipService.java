package fableforge.video.remote;

import fableforge.job.Sleeper;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The factory of one remote image-to-video service, built from its own settings by its own package
 * ({@code video.kling}, {@code video.hailuo}): what {@link VideoClipSources} needs to run it without
 * knowing which it is.
 */
public interface RemoteClipService {

    /** Its {@code VIDEO_CLIPS} name. */
    String name();

    /** How long one task may take at the service before it counts as failed. */
    Duration taskTimeout();

    /** What its settings leave unchecked (a model missing from the adapter's table), for the start-up log. */
    List<String> warnings();

    /** The price of one scene's clip, quoted as the shortest clip the service makes; empty when unknown. */
    Optional<BigDecimal> clipPrice(PriceTable prices);

    /** A client of the service for one story or run, charging paid clips to {@code meter}. */
    RemoteClips clips(Duration pollInterval, SpendMeter meter, PriceTable prices, Clock clock, Sleeper sleeper);
}
