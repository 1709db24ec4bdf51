package org.alima.portal.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** Builds the OpenSearch client of some settings: Apache HttpClient 5, Jackson, basic credentials, a trusted CA. */
final class ClientFactory {

    /** A connection not made (or leased from the pool) within this long counts as the cluster being down. */
    static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(2);

    private ClientFactory() {}

    static OpenSearchClient client(OpenSearchSettings settings) {
        int port = settings.url().getPort() > 0
                ? settings.url().getPort()
                : settings.url().getScheme().equalsIgnoreCase("https") ? 443 : 9200;
        HttpHost host = new HttpHost(settings.url().getScheme(), settings.url().getHost(), port);
        SSLContext tls = settings.caCertificate() == null ? null : trusting(settings);
        ApacheHttpClient5TransportBuilder builder = ApacheHttpClient5TransportBuilder.builder(host)
                .setMapper(new JacksonJsonpMapper())
                .setRequestConfigCallback(config -> config.setConnectionRequestTimeout(CONNECT_TIMEOUT)
                        .setResponseTimeout(Timeout.of(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)))
                .setHttpClientConfigCallback(client -> {
                    if (settings.username() != null) {
                        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                        credentials.setCredentials(
                                new AuthScope(host),
                                new UsernamePasswordCredentials(
                                        settings.username(), settings.password().toCharArray()));
                        client.setDefaultCredentialsProvider(credentials);
                    }
                    PoolingAsyncClientConnectionManagerBuilder connections =
                            PoolingAsyncClientConnectionManagerBuilder.create()
                                    .setMaxConnTotal(64)
                                    .setMaxConnPerRoute(64)
                                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                                            .setConnectTimeout(CONNECT_TIMEOUT)
                                            .setSocketTimeout(Timeout.of(
                                                    settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                            .build());
                    if (tls != null) {
                        connections.setTlsStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(tls)
                                .buildAsync());
                    }
                    return client.setConnectionManager(connections.build());
                });
        return new OpenSearchClient(builder.build());
    }

    private static SSLContext trusting(OpenSearchSettings settings) {
        try (InputStream pem = Files.newInputStream(settings.caCertificate())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read the OpenSearch CA certificate " + settings.caCertificate() + " (" + e.getMessage()
                            + "): give a readable PEM file",
                    e);
        }
    }
}
