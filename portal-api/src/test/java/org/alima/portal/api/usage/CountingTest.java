package org.alima.portal.api.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CountingTest {

    private static final String FIREFOX =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final Instant T0 = Instant.parse("2026-03-10T09:00:00Z");
    private static final UUID DOC = UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    private static final UUID OTHER = UUID.fromString("16fd2706-8baf-433b-82eb-8c7fada847da");

    private final Counting counting = new Counting(RobotAgents.shipped(), new DoubleClicks(1000));

    private static Hit view(UUID doc, String client, String agent, Instant at) {
        return new Hit(doc, UsageKind.VIEW, client, agent, at);
    }

    private static long views(Map<Count, Long> counts, UUID doc) {
        return counts.getOrDefault(new Count(doc, YearMonth.of(2026, 3), UsageKind.VIEW), 0L);
    }

    @Nested
    class DoubleClicksCountOnce {

        @Test
        void aRepeatWithinThirtySecondsCountsOnce() {
            Map<Count, Long> counts =
                    counting.count(List.of(view(DOC, "a", FIREFOX, T0), view(DOC, "a", FIREFOX, T0.plusSeconds(29))));
            assertThat(views(counts, DOC)).isEqualTo(1);
        }

        @Test
        void aRepeatThirtySecondsLaterCountsTwice() {
            Map<Count, Long> counts =
                    counting.count(List.of(view(DOC, "a", FIREFOX, T0), view(DOC, "a", FIREFOX, T0.plusSeconds(30))));
            assertThat(views(counts, DOC)).isEqualTo(2);
        }

        @Test
        void eachRepeatRestartsTheWindow() {
            Map<Count, Long> counts = counting.count(List.of(
                    view(DOC, "a", FIREFOX, T0),
                    view(DOC, "a", FIREFOX, T0.plusSeconds(20)),
                    view(DOC, "a", FIREFOX, T0.plusSeconds(40))));
            assertThat(views(counts, DOC)).isEqualTo(1);
        }

        @Test
        void aRepeatInALaterFlushIsStillFiltered() {
            counting.count(List.of(view(DOC, "a", FIREFOX, T0)));
            assertThat(views(counting.count(List.of(view(DOC, "a", FIREFOX, T0.plusSeconds(5)))), DOC))
                    .isZero();
        }

        @Test
        void otherClientsOtherDocumentsAndOtherKindsCountApart() {
            Map<Count, Long> counts = counting.count(List.of(
                    view(DOC, "a", FIREFOX, T0),
                    view(DOC, "b", FIREFOX, T0),
                    view(OTHER, "a", FIREFOX, T0),
                    new Hit(DOC, UsageKind.DOWNLOAD, "a", FIREFOX, T0)));
            assertThat(views(counts, DOC)).isEqualTo(2);
            assertThat(views(counts, OTHER)).isEqualTo(1);
            assertThat(counts.get(new Count(DOC, YearMonth.of(2026, 3), UsageKind.DOWNLOAD)))
                    .isEqualTo(1);
        }

        @Test
        void countsGoToTheMonthOfTheRequestInUtc() {
            Instant lastSecondOfMarch = Instant.parse("2026-03-31T23:59:59Z");
            Map<Count, Long> counts = counting.count(List.of(
                    view(DOC, "a", FIREFOX, lastSecondOfMarch),
                    view(DOC, "b", FIREFOX, lastSecondOfMarch.plusSeconds(1))));
            assertThat(counts)
                    .containsEntry(new Count(DOC, YearMonth.of(2026, 3), UsageKind.VIEW), 1L)
                    .containsEntry(new Count(DOC, YearMonth.of(2026, 4), UsageKind.VIEW), 1L);
        }
    }

    @Nested
    class RobotsAreNotCounted {

        @Test
        void crawlersScriptsAndHeadlessBrowsersAreLeftOut() {
            List<String> robots = List.of(
                    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                    "python-requests/2.31.0",
                    "curl/8.5.0",
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0"
                            + " Safari/537.36");
            List<Hit> hits = new ArrayList<>();
            for (int i = 0; i < robots.size(); i++) {
                hits.add(view(DOC, "robot" + i, robots.get(i), T0));
            }
            assertThat(counting.count(hits)).isEmpty();
        }

        @Test
        void theListIsMatchedWhateverTheCase() {
            assertThat(counting.count(List.of(view(DOC, "a", "MOZILLA/5.0 (COMPATIBLE; GOOGLEBOT/2.1)", T0))))
                    .isEmpty();
        }

        @Test
        void aRequestWithoutUserAgentIsAScript() {
            assertThat(counting.count(List.of(view(DOC, "a", null, T0), view(DOC, "b", " ", T0))))
                    .isEmpty();
        }
    }
}
