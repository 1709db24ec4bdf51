package org.alima.portal.api.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNameTest {

    @Test
    void keepsOnlyTheLastSegmentOfAUnixOrWindowsPath() {
        assertThat(SafeFileName.of("../../etc/passwd").value()).isEqualTo("passwd");
        assertThat(SafeFileName.of("C:\\Users\\amina\\rapport.pdf").value()).isEqualTo("rapport.pdf");
    }

    @Test
    void removesControlAndInvisibleFormattingCharacters() {
        assertThat(SafeFileName.of("a\u0000b\nc\u001b\u007f\u202Efdp.exe").value())
                .isEqualTo("abcfdp.exe");
    }

    @Test
    void removesCharactersWindowsForbidsAndLeadingDots() {
        assertThat(SafeFileName.of("..<what>?:*|\"x\".txt").value()).isEqualTo("whatx.txt");
    }

    @Test
    void fallsBackToUploadWhenNothingIsLeft() {
        assertThat(SafeFileName.of("../..").value()).isEqualTo("upload");
        assertThat(SafeFileName.of(null).value()).isEqualTo("upload");
        assertThat(SafeFileName.of("\u0001\u0002").value()).isEqualTo("upload");
    }

    @Test
    void keepsAccentsInComposedForm() {
        assertThat(SafeFileName.of("E\u0301tude.pdf").value()).isEqualTo("Étude.pdf");
    }

    @Test
    void shortensALongNameKeepingItsExtensionAndWholeCharacters() {
        String name = "😀".repeat(200) + ".pdf";

        String safe = SafeFileName.of(name).value();

        assertThat(safe).hasSizeLessThanOrEqualTo(255).endsWith(".pdf");
        assertThat(Character.isHighSurrogate(safe.charAt(safe.length() - 5))).isFalse();
    }

    @Test
    void dropsUnpairedSurrogates() {
        assertThat(SafeFileName.of("a\uD800b.txt").value()).isEqualTo("ab.txt");
    }
}
