package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Test;

/** The portal behind a reverse proxy on this machine (127.0.0.1) that terminates TLS. */
@MicronautTest
class BehindTrustedProxyIT extends PortalTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("portal.http.trusted-proxies", "127.0.0.1/32,::1");
        return properties;
    }

    @Test
    void sendsStrictTransportSecurityWhenTheProxySaysHttps() {
        assertThat(anonymous.get("/", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000; includeSubDomains");
    }

    @Test
    void sendsNoneWhenTheProxySaysHttp() {
        assertThat(anonymous.get("/", "X-Forwarded-Proto", "http").headers().firstValue("Strict-Transport-Security"))
                .isEmpty();
    }
}
