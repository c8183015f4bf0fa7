package fableforge.video.hailuo;

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

/** Builds {@link HailuoClips} from {@link HailuoSettings}. */
public record HailuoService(HailuoSettings settings) implements RemoteClipService {

    public static final String NAME = "hailuo";

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
        return HailuoModels.find(settings.model()).isPresent() ? List.of()
                : List.of("HAILUO_MODEL=" + settings.model() + " is not in our table of MiniMax models: HAILUO_RESOLUTION="
                        + settings.resolution() + " is not checked and clips are asked for 6 s only");
    }

    /** Quoted as a 6-second clip, the shortest Hailuo makes. */
    @Override
    public Optional<BigDecimal> clipPrice(PriceTable prices) {
        return prices.unit("video", settings.model() + "/" + settings.resolution() + "/6");
    }

    @Override
    public RemoteClips clips(Duration pollInterval, SpendMeter meter, PriceTable prices, Clock clock, Sleeper sleeper) {
        return new HailuoClips(settings, pollInterval, meter, prices, clock, sleeper);
    }
}
