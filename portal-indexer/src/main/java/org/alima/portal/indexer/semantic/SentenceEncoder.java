package org.alima.portal.indexer.semantic;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns English text into unit-length vectors with a sentence-embedding model run in-process by ONNX Runtime, its
 * word pieces cut by Hugging Face's tokenizer. Thread-safe: ONNX Runtime sessions and the tokenizer may be called from
 * any number of threads. Loading takes about a second and 100-200 MB of memory; close it to free the native memory.
 *
 * <p>The model's files are classpath resources of a Maven artifact ({@link EncoderModel}): nothing is downloaded, and
 * the tokenizer library is told so ({@code ai.djl.offline}).
 */
public final class SentenceEncoder implements AutoCloseable {

    /** Texts encoded together at most; bounds the memory of one call (batch × tokens × 384 floats per layer). */
    static final int BATCH = 16;

    /** Stack of the thread that loads the model; see {@link #load}. */
    private static final long LOADER_STACK_BYTES = 16L << 20;

    /** Query vectors kept, least recently used dropped first; some 1.6 MB at most. */
    static final int CACHED_QUERIES = 1_024;

    private final Map<String, float[]> recentQueries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHED_QUERIES;
        }
    };

    private final EncoderModel model;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypes;
    /** Held shared by every native run, exclusively by {@link #quiesce} only: it waits for the runs in progress. */
    private final ReentrantReadWriteLock runs = new ReentrantReadWriteLock();

    private volatile boolean quiesced;

    private SentenceEncoder(
            EncoderModel model, OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.model = model;
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /**
     * Loads the model from the classpath.
     *
     * @param threads threads one encoding may use (ONNX Runtime's intra-op threads); 0 lets it use every core
     * @throws SemanticModelException when the model's files are not on the classpath or cannot be loaded
     */
    public static SentenceEncoder load(EncoderModel model, int threads) {
        Objects.requireNonNull(model, "model");
        // ONNX Runtime's native initialisation needs more stack than a Java thread's default 1 MB: run in the main
        // thread of a JVM with a long classpath, it overflowed (a segmentation fault, not an exception). Loading runs
        // in a thread of its own with room to spare; encoding afterwards works from any thread.
        SentenceEncoder[] loaded = new SentenceEncoder[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread loader = new Thread(
                null,
                () -> {
                    try {
                        loaded[0] = loadHere(model, threads);
                    } catch (RuntimeException e) {
                        failure[0] = e;
                    }
                },
                "semantic-model-load",
                LOADER_STACK_BYTES);
        loader.start();
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SemanticModelException("interrupted while loading " + model.id(), e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return loaded[0];
    }

    private static SentenceEncoder loadHere(EncoderModel model, int threads) {
        // The tokenizer's native library is in its jar; never let the library look for it on the network.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        byte[] onnx = resource(model, model.onnxResource());
        HuggingFaceTokenizer tokenizer;
        try (InputStream json = stream(model, model.tokenizerResource())) {
            tokenizer = HuggingFaceTokenizer.newInstance(
                    json,
                    Map.of(
                            "maxLength", Integer.toString(model.maxTokens()),
                            "truncation", "true",
                            "padding", "false",
                            "addSpecialTokens", "true"));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new SemanticModelException(
                    "could not load the tokenizer of " + model.id() + " (" + e + "); the tokenizer's native library"
                            + " is bundled for linux-x86_64, linux-aarch64, macOS on ARM and Windows x86_64 only",
                    e);
        }
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            options.setInterOpNumThreads(1);
            // Busy-waiting pool threads would take CPU from searches and from each other on a small machine.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = environment.createSession(onnx, options);
            return new SentenceEncoder(model, environment, session, tokenizer);
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            tokenizer.close();
            throw new SemanticModelException("could not start ONNX Runtime with " + model.id() + ": " + e, e);
        }
    }

    public EncoderModel model() {
        return model;
    }

    /**
     * The vector of a search query (with the model's query instruction). The last {@value #CACHED_QUERIES} queries'
     * vectors are kept: the next page of a search, a change of filter or sort, asks for the same query again.
     */
    public float[] encodeQuery(String query) {
        synchronized (recentQueries) {
            float[] known = recentQueries.get(query);
            if (known != null) {
                return known.clone();
            }
        }
        float[] vector = encode(List.of(model.queryPrefix() + query)).get(0);
        synchronized (recentQueries) {
            recentQueries.put(query, vector.clone());
        }
        return vector;
    }

    /**
     * Drops the kept query vectors, so that the next queries are encoded again: for a benchmark, whose warm-up pass
     * would otherwise leave every measured query's vector ready.
     */
    public void forgetQueries() {
        synchronized (recentQueries) {
            recentQueries.clear();
        }
    }

    /** The vectors of passages to index, in order (with the model's passage prefix). */
    public List<float[]> encodePassages(List<String> passages) {
        List<String> prefixed = new ArrayList<>(passages.size());
        for (String passage : passages) {
            prefixed.add(model.passagePrefix() + passage);
        }
        return encode(prefixed);
    }

    /** The number of word pieces of a text, special tokens excluded, counted up to the model's limit. */
    public int tokens(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    /** Unit-length vectors of the texts as given (no prefix), in order; texts of similar length are batched. */
    List<float[]> encode(List<String> texts) {
        // One text at a time: the tokenizer's batch call runs a pool of native threads per core that busy-wait.
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < encodings.length; i++) {
            encodings[i] = tokenizer.encode(texts.get(i));
        }
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Similar lengths together: a batch is padded to its longest text.
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        float[][] vectors = new float[texts.size()][];
        for (int start = 0; start < order.length; start += BATCH) {
            if (Thread.currentThread().isInterrupted()) {
                // A stopping portal interrupts its vector pass: no new native run may start, for a JVM that exits
                // while ONNX Runtime is inside one crashes (SIGSEGV, seen when a container was stopped mid-document).
                throw new SemanticModelException("encoding interrupted: the caller is stopping");
            }
            int end = Math.min(order.length, start + BATCH);
            Encoding[] batch = new Encoding[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = encodings[order[i]];
            }
            float[][] encoded;
            runs.readLock().lock();
            try {
                if (quiesced) {
                    throw new SemanticModelException("the process is stopping: no new encoding starts");
                }
                encoded = run(batch);
            } finally {
                runs.readLock().unlock();
            }
            for (int i = start; i < end; i++) {
                vectors[order[i]] = encoded[i - start];
            }
        }
        return Arrays.asList(vectors);
    }

    private float[][] run(Encoding[] batch) {
        int length = 0;
        for (Encoding encoding : batch) {
            length = Math.max(length, encoding.getIds().length);
        }
        long[] ids = new long[batch.length * length];
        long[] mask = new long[batch.length * length];
        long[] types = new long[batch.length * length];
        for (int b = 0; b < batch.length; b++) {
            long[] tokenIds = batch[b].getIds();
            long[] attention = batch[b].getAttentionMask();
            long[] typeIds = batch[b].getTypeIds();
            System.arraycopy(tokenIds, 0, ids, b * length, tokenIds.length);
            System.arraycopy(attention, 0, mask, b * length, attention.length);
            System.arraycopy(typeIds, 0, types, b * length, typeIds.length);
        }
        long[] shape = {batch.length, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (needsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(
                    inputs, Set.of(session.getOutputNames().iterator().next()))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int dimensions = hidden.capacity() / (batch.length * length);
                float[][] vectors = new float[batch.length][];
                for (int b = 0; b < batch.length; b++) {
                    vectors[b] = pool(hidden, b, length, dimensions, mask);
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new SemanticModelException(
                    "the model " + model.id() + " failed on a batch of " + batch.length + " texts: " + e.getMessage(),
                    e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] pool(FloatBuffer hidden, int b, int length, int dimensions, long[] mask) {
        float[] vector = new float[dimensions];
        int base = b * length * dimensions;
        if (model.pooling() == EncoderModel.Pooling.CLS) {
            hidden.get(base, vector, 0, dimensions);
        } else {
            int counted = 0;
            for (int t = 0; t < length; t++) {
                if (mask[b * length + t] == 0) {
                    continue;
                }
                counted++;
                int at = base + t * dimensions;
                for (int d = 0; d < dimensions; d++) {
                    vector[d] += hidden.get(at + d);
                }
            }
            for (int d = 0; d < dimensions; d++) {
                vector[d] /= Math.max(1, counted);
            }
        }
        return normalise(vector);
    }

    private static float[] normalise(float[] vector) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < vector.length; d++) {
            vector[d] *= scale;
        }
        return vector;
    }

    private static byte[] resource(EncoderModel model, String name) {
        try (InputStream in = stream(model, name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new SemanticModelException("could not read " + name + " of " + model.id() + ": " + e, e);
        }
    }

    private static InputStream stream(EncoderModel model, String name) {
        InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new SemanticModelException("the model file " + name + " is not on the classpath; it comes with the"
                    + " Maven artifact " + model.artifact() + ", which the build must include");
        }
        return in;
    }

    /**
     * Lets the native runs in progress finish, for at most {@code wait}, and refuses new ones. ONNX Runtime frees its
     * environment in a JVM shutdown hook of its own, which runs beside everyone else's: a run still in progress then
     * crashes the process (SIGSEGV). A stopping process calls this before it exits.
     *
     * @return whether no run was in progress when this returned
     */
    public boolean quiesce(Duration wait) {
        quiesced = true;
        try {
            if (runs.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                runs.writeLock().unlock();
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new SemanticModelException("could not close the model " + model.id() + ": " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }
}
