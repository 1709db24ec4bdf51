package org.alima.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The pages as the jar ships them: self-contained, light, and complete in both languages. */
class StaticPagesTest {

    private static final String[] PAGE_ASSETS = {"index.html", "app.js", "app.css"};

    @Test
    void everyAssetTheHomePageLoadsIsServedFromTheJarAndNoneFromAnotherHost() throws IOException {
        Document page = Jsoup.parse(resource("index.html"));
        for (Element asset : page.select("script[src], link[href], img[src]")) {
            String url = asset.hasAttr("src") ? asset.attr("src") : asset.attr("href");
            assertThat(url).as("asset %s", url).doesNotContain("//").doesNotStartWith("http");
            assertThat(getClass().getResource("/public/" + url))
                    .as("asset %s", url)
                    .isNotNull();
        }
    }

    @Test
    void everyTextTheHomePageShowsExistsInFrenchAndEnglish() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (Element element : Jsoup.parse(resource("index.html")).select("[data-i18n]")) {
            keys.add(element.attr("data-i18n"));
        }
        String script = resource("app.js");
        // The message table is "var messages = { fr: {...}, en: {...} };", French first.
        Matcher table = Pattern.compile("\\bfr: \\{(.*)\\n    en: \\{(.*?)\\n  \\};", Pattern.DOTALL)
                .matcher(script);
        assertThat(table.find()).as("the messages table in app.js").isTrue();
        for (int language = 1; language <= 2; language++) {
            for (String key : keys) {
                assertThat(table.group(language))
                        .as("%s message %s", language == 1 ? "French" : "English", key)
                        .containsPattern("\\b" + key + ":");
            }
        }
    }

    @Test
    void theSearchPageWeighsUnderTenKilobytesCompressed() throws IOException {
        long compressed = 0;
        for (String asset : PAGE_ASSETS) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                gzip.write(resource(asset).getBytes(StandardCharsets.UTF_8));
            }
            compressed += bytes.size();
        }
        // The results page's budget is 100 KB on a first visit, results included; the page itself takes a tenth.
        assertThat(compressed).isLessThan(10_000);
    }

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/public/" + name)) {
            assertThat(in).as("public/%s in the jar", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
