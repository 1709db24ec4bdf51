package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static MutableHttpRequest<?> from(String peer, String... forwardedFor) {
        MutableHttpRequest<?> request = HttpRequest.GET("http://" + peer + ":8080/api/search");
        for (String value : forwardedFor) {
            request.getHeaders().add("X-Forwarded-For", value);
        }
        return request;
    }

    @Nested
    class WithoutTrustedProxies {

        private final ClientAddresses addresses = new ClientAddresses(List.of());

        @Test
        void isTheSocketsPeerWhateverXForwardedForSays() {
            assertThat(addresses.of(from("203.0.113.7", "198.51.100.1"))).isEqualTo("203.0.113.7");
        }

        @Test
        void neverTakesForwardedHttpsFromAnUntrustedPeer() {
            MutableHttpRequest<?> request = from("203.0.113.7");
            request.getHeaders().add("X-Forwarded-Proto", "https");
            assertThat(addresses.isHttps(request)).isFalse();
        }
    }

    @Nested
    class BehindTrustedProxies {

        private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.1"));

        @Test
        void isTheRightMostHopThatIsNotATrustedProxy() {
            // The client wrote 198.51.100.66 itself; the proxies appended 203.0.113.7 and then 10.1.1.1.
            assertThat(addresses.of(from("10.0.0.2", "198.51.100.66, 203.0.113.7, 10.1.1.1")))
                    .isEqualTo("203.0.113.7");
        }

        @Test
        void readsEveryXForwardedForHeaderInOrder() {
            assertThat(addresses.of(from("192.0.2.1", "198.51.100.66", "203.0.113.7")))
                    .isEqualTo("203.0.113.7");
        }

        @Test
        void isTheLeftMostHopWhenEveryHopIsTrusted() {
            assertThat(addresses.of(from("10.0.0.2", "10.9.9.9, 10.1.1.1"))).isEqualTo("10.9.9.9");
        }

        @Test
        void isTheProxyWhenItForwardedNoAddress() {
            assertThat(addresses.of(from("10.0.0.2"))).isEqualTo("10.0.0.2");
        }

        @Test
        void stopsAtAHopThatIsNoAddress() {
            assertThat(addresses.of(from("10.0.0.2", "203.0.113.7, not-an-address, 10.1.1.1")))
                    .isEqualTo("10.1.1.1");
        }

        @Test
        void acceptsPortsAndIpv6Hops() {
            assertThat(addresses.of(from("10.0.0.2", "[2001:db8::7]:443"))).isEqualTo("2001:db8::7");
            assertThat(addresses.of(from("10.0.0.2", "203.0.113.7:5123"))).isEqualTo("203.0.113.7");
        }

        @Test
        void ignoresXForwardedForFromAPeerThatIsNotAProxy() {
            assertThat(addresses.of(from("203.0.113.9", "10.1.1.1"))).isEqualTo("203.0.113.9");
        }

        @Test
        void takesHttpsFromTheProxy() {
            MutableHttpRequest<?> request = from("10.0.0.2");
            request.getHeaders().add("X-Forwarded-Proto", "https");
            assertThat(addresses.isHttps(request)).isTrue();
        }
    }

    @Test
    void refusesAnEntryThatIsNoAddressNamingTheSetting() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.example.org")))
                .hasMessageContaining("portal.http.trusted-proxies")
                .hasMessageContaining("proxy.example.org");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
    }
}
