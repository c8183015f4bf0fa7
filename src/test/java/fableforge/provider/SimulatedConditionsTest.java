package fableforge.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimulatedConditionsTest {

    @Test
    void theSameSeedFailsTheSameCallsAndAboutTheConfiguredShare() {
        List<Boolean> first = failures(new SimulatedConditions(Duration.ZERO, 0.3, new Random(3)), 1_000);
        List<Boolean> again = failures(new SimulatedConditions(Duration.ZERO, 0.3, new Random(3)), 1_000);
        List<Boolean> other = failures(new SimulatedConditions(Duration.ZERO, 0.3, new Random(4)), 1_000);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(first.stream().filter(failed -> failed).count()).isBetween(240L, 360L);
    }

    private static List<Boolean> failures(SimulatedConditions conditions, int calls) {
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                conditions.apply("call " + i);
                failed.add(false);
            } catch (ProviderException e) {
                assertThat(e.error()).isInstanceOf(ProviderError.Transient.class);
                failed.add(true);
            }
        }
        return failed;
    }
}
