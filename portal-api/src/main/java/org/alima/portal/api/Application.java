package org.alima.portal.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.alima.portal.api.operations.AdminCommands;
import org.alima.portal.api.system.DataDirectoryInUseException;
import org.alima.portal.api.system.Portal;
import org.alima.portal.indexer.SuppressForbidden;
import org.alima.portal.indexer.semantic.SemanticModel;
import sun.misc.Signal;

/**
 * Starts the portal from the command line (see {@link org.alima.portal.api.system.PortalSettings} for the
 * environment variables) and stops it cleanly on SIGTERM or Ctrl-C; with arguments, runs an administration command
 * instead (see {@link AdminCommands}: {@code create-admin --email …}) and exits.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Evidence portal API",
                        version = "0.1.0",
                        description = "Upload, describe and retrieve studies and operating procedures. Every error is"
                                + " an RFC 9457 problem document (application/problem+json) with a stable `code`."))
public final class Application {

    private Application() {}

    @SuppressForbidden(
            reason =
                    "the command line's entry point: it reads the process's environment, writes the ready line and"
                            + " ends an administration command, or a start refused on a data directory in use, with its exit code")
    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(AdminCommands.run(
                    args,
                    System.getenv(),
                    System.console(),
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
        }
        // ONNX Runtime frees its native environment in a shutdown hook of its own, which the JVM runs beside the
        // portal's: an encoding still in progress then crashes the process (SIGSEGV, exit 134 instead of 143). On
        // SIGTERM and Ctrl-C the encodings in progress finish first (a batch takes well under a second), then the JVM
        // exits as its default handler would.
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), Application::stop);
        }
        Portal portal;
        try {
            portal = Portal.start(Application.class, System.getenv());
        } catch (DataDirectoryInUseException e) {
            // An operator's mistake, not the portal's failure: one line, no stack trace.
            System.err.println("portal: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "portal-shutdown"));
        // The one line the ./portal script and an operator wait for; the CLI's own output, not a log entry.
        System.out.println("Portal ready at " + portal.url());
    }

    @SuppressForbidden(reason = "ends the process as the JVM's own signal handler would, once no encoding runs")
    private static void stop(Signal signal) {
        SemanticModel.quiesceAll(Duration.ofSeconds(10));
        System.exit(128 + signal.getNumber());
    }
}
