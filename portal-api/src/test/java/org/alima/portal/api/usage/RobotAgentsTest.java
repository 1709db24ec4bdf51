package org.alima.portal.api.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RobotAgentsTest {

    private final RobotAgents robots = RobotAgents.shipped();

    @Test
    void theShippedListIsLoadedWhole() {
        assertThat(robots.size()).isGreaterThan(1000);
    }

    /** A pattern that matched browsers would hide readers: the browsers of the organisation's teams, on each system. */
    @Test
    void browsersOfReadersAreNotRobots() {
        List<String> browsers = List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/17.6 Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/18.1 Safari/605.1.15",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "Opera/9.80 (J2ME/MIDP; Opera Mini/4.2.14912/870; U; fr) Presto/2.4.15");
        assertThat(browsers).noneMatch(robots::isRobot);
    }

    @Test
    void aPatternThatIsNoRegularExpressionIsRefusedByName() {
        assertThatThrownBy(() -> RobotAgents.of(List.of("# a comment", "good", "bad(")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad(");
    }

    @Test
    void aVeryLongHeaderIsMatchedOnItsStartOnly() {
        String longAgent = "Mozilla/5.0 " + "x".repeat(10_000) + " Googlebot";
        assertThat(robots.isRobot(longAgent)).isFalse();
    }
}
