package org.alima.portal.indexer.semantic;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dense model, loaded on first use and then kept: one per model and JVM ({@link #shared}), since each copy costs
 * some 150 MB and a second to load. Thread-safe.
 */
public final class SemanticModel {

    /** The model the portal uses; see the package documentation for how it was chosen. */
    public static final EncoderModel DEFAULT = EncoderModel.BGE_SMALL_EN_V15_Q;

    private static final Logger LOG = LoggerFactory.getLogger(SemanticModel.class);
    private static final ConcurrentMap<EncoderModel, SemanticModel> SHARED = new ConcurrentHashMap<>();

    private final EncoderModel model;
    private final int threads;
    private volatile SentenceEncoder encoder;
    private volatile long loadMillis = -1;

    private SemanticModel(EncoderModel model, int threads) {
        this.model = Objects.requireNonNull(model, "model");
        this.threads = threads;
    }

    /**
     * The JVM's one instance of this model, not yet loaded. Each encoding runs on one thread: concurrency comes
     * from concurrent callers (searches, indexing threads), and one long encoding never takes both cores of a small
     * machine from the searches.
     */
    public static SemanticModel shared(EncoderModel model) {
        return SHARED.computeIfAbsent(model, m -> new SemanticModel(m, 1));
    }

    /**
     * Lets the encodings in progress of every loaded model finish (for at most {@code wait}) and refuses new ones:
     * what a stopping process calls before it exits (see {@link SentenceEncoder#quiesce}).
     */
    public static void quiesceAll(Duration wait) {
        for (SemanticModel shared : SHARED.values()) {
            SentenceEncoder loaded = shared.encoder;
            if (loaded != null) {
                loaded.quiesce(wait);
            }
        }
    }

    public EncoderModel model() {
        return model;
    }

    /** The encoder, loaded now if it was not yet. */
    public SentenceEncoder encoder() {
        SentenceEncoder loaded = encoder;
        if (loaded == null) {
            synchronized (this) {
                loaded = encoder;
                if (loaded == null) {
                    long started = System.nanoTime();
                    loaded = SentenceEncoder.load(model, threads);
                    loadMillis = (System.nanoTime() - started) / 1_000_000;
                    LOG.info("Loaded the dense model {} in {} ms", model.id(), loadMillis);
                    encoder = loaded;
                }
            }
        }
        return loaded;
    }

    /** Whether the model is in memory. */
    public boolean loaded() {
        return encoder != null;
    }

    /** How long loading took, in milliseconds; -1 before it is loaded. */
    public long loadMillis() {
        return loadMillis;
    }

    /** A vectoriser of documents with this model (loaded at its first use). */
    public DocumentEmbedder embedder() {
        return new DocumentEmbedder(encoder());
    }
}
