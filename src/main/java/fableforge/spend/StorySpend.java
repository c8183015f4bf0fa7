package fableforge.spend;

import java.math.BigDecimal;
import java.util.List;

/** A story's paid calls grouped by stage and model, and their total. */
public record StorySpend(List<Line> lines) {

    public BigDecimal totalUsd() {
        return lines.stream().map(Line::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Calls whose price the table did not know: their cost is not in the total. */
    public int unpricedCalls() {
        return lines.stream().mapToInt(Line::unpriced).sum();
    }

    public record Line(String stage, String model, int calls, BigDecimal usd, int unpriced) {
    }
}
