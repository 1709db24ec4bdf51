package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LanguageGuesserTest {

    static final Map<String, String> SAMPLES = Map.of(
            "en", "The patient was admitted with fever and treated according to the national malaria protocol.",
            "fr", "Le patient a été admis pour une fièvre et traité selon le protocole national contre le paludisme.",
            "pt", "O paciente foi internado com febre e tratado de acordo com o protocolo nacional de malária.",
            "es", "El paciente fue ingresado con fiebre y tratado según el protocolo nacional contra la malaria.",
            "de", "Der Patient wurde mit Fieber aufgenommen und nach dem nationalen Malariaprotokoll behandelt.");

    final LanguageGuesser guesser = LanguageGuesser.shared();

    @Test
    void tellsTheLanguagesOfThePortalsDocuments() {
        SAMPLES.forEach(
                (language, text) -> assertThat(guesser.guess(text)).as(text).isEqualTo(language));
    }

    @Test
    void saysNothingAboutTextWithFewLetters() {
        assertThat(guesser.guess("Table 3. 12.5 ± 0.4 (n = 120) p < 0.05")).isNull();
        assertThat(guesser.guess("")).isNull();
    }

    @Test
    void ignoresWebAddressesInTheText() {
        String text = "https://www.example.org/path/to/resource " + SAMPLES.get("fr") + " www.who.int/malaria";

        assertThat(guesser.guess(text)).isEqualTo("fr");
    }

    @Test
    void givesTheSameAnswersWhenSharedByManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                checks.add(pool.submit(() ->
                        SAMPLES.entrySet().stream().allMatch(e -> e.getKey().equals(guesser.guess(e.getValue())))));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
