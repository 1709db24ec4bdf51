package org.alima.portal.indexer.extract;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the tests find real files: the small committed ones under {@code src/test/resources/extract/}, and the shared
 * corpus beside the project (not committed), whose tests skip with a message when it is absent.
 */
public final class Corpus {

    private Corpus() {}

    /** A file committed under {@code src/test/resources/extract/}. */
    static Path resource(String name) {
        URL url = Corpus.class.getResource("/extract/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource extract/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL " + url, e);
        }
    }

    /**
     * The shared corpus's {@code pdfs} folder: {@code ../shared/corpus/pdfs} from the project root (tests run in the
     * module folder, one level below), or the folder named by the system property {@code portal.corpus.pdfs}.
     */
    public static Optional<Path> pdfs() {
        String configured = System.getProperty("portal.corpus.pdfs");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        for (Path candidate :
                new Path[] {Path.of("..", "shared", "corpus", "pdfs"), Path.of("..", "..", "shared", "corpus", "pdfs")
                }) {
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** A file of the shared corpus; skips the calling test when the corpus is absent. */
    static Path pdf(String relative) {
        Optional<Path> root = pdfs();
        assumeTrue(root.isPresent(), "shared corpus not found at ../shared/corpus/pdfs; skipping " + relative);
        Path file = root.get().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "corpus file " + relative + " not found; skipping");
        return file;
    }
}
