package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Test;

/** A client that stops sending half-way through its request is disconnected, not waited for forever. */
@MicronautTest
class HttpTimeoutsIT extends PortalTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("micronaut.server.read-idle-timeout", "2s");
        return properties;
    }

    @Test
    void closesAConnectionWhoseRequestStopsArriving() throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            // Headers begun, never finished: a slow-loris client.
            socket.getOutputStream()
                    .write("GET /api/search?q=x HTTP/1.1\r\nHost: portal\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the server still held the connection after 30 s", stillOpen);
            } catch (IOException reset) {
                read = -1;
            }
            assertThat(read).as("closed without an answer").isEqualTo(-1);
            assertThat((System.nanoTime() - started) / 1e9).as("seconds").isLessThan(20);
        }
    }
}
