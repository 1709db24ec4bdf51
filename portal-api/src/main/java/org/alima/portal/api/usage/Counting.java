package org.alima.portal.api.usage;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that turn requests into counts: robots are left out, then double clicks counted once, then what remains
 * added up per document, month (UTC) and kind. Not thread-safe: the counter's flushing thread owns it.
 */
final class Counting {

    private final RobotAgents robots;
    private final DoubleClicks doubleClicks;

    Counting(RobotAgents robots, DoubleClicks doubleClicks) {
        this.robots = robots;
        this.doubleClicks = doubleClicks;
    }

    /** The counts that {@code hits}, in the order they came, add. */
    Map<Count, Long> count(List<Hit> hits) {
        Map<Count, Long> counts = new HashMap<>();
        for (Hit hit : hits) {
            if (robots.isRobot(hit.userAgent())
                    || !doubleClicks.counts(hit.client(), hit.document(), hit.kind(), hit.at())) {
                continue;
            }
            YearMonth month = YearMonth.from(hit.at().atZone(ZoneOffset.UTC));
            counts.merge(new Count(hit.document(), month, hit.kind()), 1L, Long::sum);
        }
        return counts;
    }
}
