package fableforge.spend;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Paid calls counted in memory, for one command-line run that has no database. */
public final class SpendTally implements SpendMeter {

    private final List<Charge> charges = new ArrayList<>();

    @Override
    public synchronized void record(Charge charge) {
        charges.add(charge);
    }

    /** The charges grouped by stage and model, in the order first seen. */
    public synchronized StorySpend summary() {
        Map<String, StorySpend.Line> lines = new LinkedHashMap<>();
        for (Charge charge : charges) {
            BigDecimal usd = charge.usd().orElse(BigDecimal.ZERO);
            int unpriced = charge.usd().isPresent() ? 0 : 1;
            lines.merge(charge.stage() + "\u0000" + charge.model(),
                    new StorySpend.Line(charge.stage(), charge.model(), 1, usd, unpriced),
                    (a, b) -> new StorySpend.Line(a.stage(), a.model(), a.calls() + 1, a.usd().add(b.usd()), a.unpriced() + b.unpriced()));
        }
        return new StorySpend(List.copyOf(lines.values()));
    }
}
