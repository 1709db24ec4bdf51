package org.alima.portal.opensearch;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real OpenSearch node for the whole test run (the first test class that asks for it starts it; the end of
 * the run stops it) and gives tests its address: {@code @ExtendWith(OpenSearchNode.class)} on a class, then a
 * parameter {@link Running}. The node is the integ-test distribution that Maven unpacks before the integration tests
 * (system property {@value #HOME_PROPERTY}); see {@link LocalNode} for how it runs. When it cannot start, the test
 * fails with the node's log, never skips.
 */
public final class OpenSearchNode implements BeforeAllCallback, ParameterResolver {

    /** Where the unpacked distribution is; failsafe sets it. */
    public static final String HOME_PROPERTY = "opensearch.home";

    /** Where nodes keep their data, logs and configuration; failsafe sets it (default: target/opensearch-node). */
    public static final String WORK_PROPERTY = "opensearch.work";

    /** The version of the distribution the node runs (the newest integ-test zip on Maven Central). */
    public static final String VERSION = "3.8.0";

    /** The node of the run, as a test sees it. */
    public interface Running {
        /** The node's HTTP address, e.g. {@code http://127.0.0.1:43121}. */
        URI url();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static Running shared(ExtensionContext context) {
        Shared shared = context.getRoot()
                .getStore(ExtensionContext.Namespace.create(OpenSearchNode.class))
                .getOrComputeIfAbsent(Shared.class, key -> new Shared(LocalNode.start("shared", 512)), Shared.class);
        return shared.node::url;
    }

    /** A node of its own, for a test that stops and starts it; the caller closes it. */
    public static LocalNode startPrivate(String name) {
        return LocalNode.start(name, 256);
    }

    /**
     * A node of its own with {@code heapMb} MB of heap, for a command outside JUnit such as the engine benchmark of
     * portal-api; the caller closes it. Its distribution and work folder come from {@value #HOME_PROPERTY} and
     * {@value #WORK_PROPERTY} as for the tests.
     */
    public static LocalNode startStandalone(String name, int heapMb) {
        return LocalNode.start(name, heapMb);
    }

    /**
     * The distribution's folder: {@value #HOME_PROPERTY}, or else the one portal-opensearch's build unpacked (a
     * sibling module's tests run with {@code -am}, which builds portal-opensearch first).
     */
    static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            return Path.of(home);
        }
        Path sibling = Path.of("..", "portal-opensearch", "target", "opensearch-dist", "opensearch-" + VERSION);
        if (java.nio.file.Files.isDirectory(sibling)) {
            return sibling;
        }
        throw new IllegalStateException("system property " + HOME_PROPERTY + " is not set and " + sibling
                + " does not exist: run the tests through Maven with -am (portal-opensearch's build unpacks the"
                + " distribution in its target/opensearch-dist), or set " + HOME_PROPERTY);
    }

    static Path work() {
        return Path.of(System.getProperty(WORK_PROPERTY, "target/opensearch-node"));
    }

    // Closed by JUnit at the end of the run, which is when the one shared node must stop.
    @SuppressWarnings("deprecation")
    private record Shared(LocalNode node) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            node.close();
        }
    }
}
