package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The server's own logging configuration (src/main/resources/logback.xml), as the runnable jar uses it. */
class LoggingConfigurationTest {

    @Test
    void keepsTheFileLibrariesToOneLineAnErrorWithoutStackTraces() throws JoranException {
        String log = logWith(context -> {
            Logger font = context.getLogger("org.apache.pdfbox.pdmodel.font.PDSimpleFont");
            for (int i = 0; i < 100; i++) {
                font.warn("No Unicode mapping for glyph " + i + " in font ABCDEF+Calibri");
            }
            font.error(
                    "Could not read embedded TTF for font ABCDEF+Calibri", new IOException("bad table\nat offset 4"));
            context.getLogger("org.apache.poi.openxml4j.opc.ZipPackage").warn("Zip entry skipped");
            context.getLogger("org.alima.portal.api.indexing.IndexingWorker")
                    .warn("Extraction of 1234 failed: MALFORMED");
        });

        assertThat(log.lines()).hasSize(2);
        assertThat(log).contains("Could not read embedded TTF for font ABCDEF+Calibri");
        assertThat(log).doesNotContain("bad table").doesNotContain("\tat ").doesNotContain("No Unicode mapping");
        assertThat(log).contains("Extraction of 1234 failed");
    }

    private interface Logging {
        void log(LoggerContext context);
    }

    private static String logWith(Logging logging) throws JoranException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LoggingConfigurationTest.class.getResource("/logback.xml"));
            // The configured console appenders, writing here instead of to the console.
            for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
                logger.iteratorForAppenders().forEachRemaining(appender -> {
                    if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
                        stream.setOutputStream(out);
                    }
                });
            }
            logging.log(context);
        } finally {
            context.stop();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
