package fableforge.video.kling;

import fableforge.job.Sleeper;
import fableforge.spend.PriceTable;
import fableforge.spend.SpendMeter;
import fableforge.video.remote.RemoteClipService;
import fableforge.video.remote.RemoteClips;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds {@link KlingClips} from {@link KlingSettings}. */
public record KlingService(KlingSettings settings) implements RemoteClipService {

    public static final String NAME = "kling";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration taskTimeout() {
        return settings.timeout();
    }

    @Override
    public List<String> warnings() {
        return KlingModels.warning(settings.model(), settings.mode()).stream().toList();
    }

    /** Quoted as a 5-second clip, the shortest Kling makes. */
    @Override
    public Optional<BigDecimal> clipPrice(PriceTable prices) {
        return prices.unit("video", settings.model() + "/" + settings.mode() + "/5");
    }

    @Override
    public RemoteClips clips(Duration pollInterval, SpendMeter meter, PriceTable prices, Clock clock, Sleeper sleeper) {
        return new KlingClips(settings, pollInterval, meter, prices, clock, sleeper);
    }
}
