package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.alima.portal.indexer.extract.FailureKind;
import org.junit.jupiter.api.Test;

/** The failure codes: distinct, read back from what they write, and each said in French and English by the web. */
class ProcessingFailureTest {

    @Test
    void readsBackEveryCodeItWritesAndNoOther() {
        for (ProcessingFailure failure : ProcessingFailure.values()) {
            assertThat(ProcessingFailure.of(failure.code())).isEqualTo(failure);
            assertThat(failure.code()).matches("[a-z]+(-[a-z]+)*");
        }
        assertThat(ProcessingFailure.of("a-code-of-a-later-release")).isNull();
        assertThat(ProcessingFailure.of(null)).isNull();
    }

    @Test
    void namesInTheOpenApiDocumentTheCodesItWrites() throws NoSuchFieldException {
        for (ProcessingFailure failure : ProcessingFailure.values()) {
            JsonProperty named =
                    ProcessingFailure.class.getField(failure.name()).getAnnotation(JsonProperty.class);
            assertThat(named).as(failure.name()).isNotNull();
            assertThat(named.value()).isEqualTo(failure.code());
        }
    }

    @Test
    void hasACodeForEveryKindOfExtractionFailure() {
        // NEEDS_OCR has four, one for each state of OCR on the server; every other kind has its own name.
        List<String> names =
                Arrays.stream(ProcessingFailure.values()).map(Enum::name).toList();
        for (FailureKind kind : FailureKind.values()) {
            if (kind != FailureKind.NEEDS_OCR) {
                assertThat(names).contains(kind.name());
            }
        }
    }

    @Test
    void theWebSaysEveryCodeInFrenchAndInEnglish() throws IOException {
        String french = webMessages("fr");
        String inEnglish = webMessages("en");
        assertThat(Arrays.stream(ProcessingFailure.values()).map(failure -> "\"failure." + failure.code() + "\""))
                .allSatisfy(key -> {
                    assertThat(french).as("French message").contains(key);
                    assertThat(inEnglish).as("English message").contains(key);
                });
    }

    /** portal-web's messages in {@code language} (one file per language), as the jar on the class path holds them. */
    private String webMessages(String language) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/public/messages/" + language + ".js")) {
            assertThat(in)
                    .as("portal-web's messages/%s.js on the class path", language)
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
