package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortalSettingsTest {

    @Test
    void defaultsToTheEmbeddedDatabaseUnderDotSlashData() {
        PortalSettings settings = PortalSettings.fromEnvironment(Map.of());

        assertThat(settings.usesEmbeddedDatabase()).isTrue();
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.embeddedDatabaseDirectory())
                .isEqualTo(Path.of("data", "postgres").toAbsolutePath());
        assertThat(settings.embeddedDatabasePort()).isEqualTo(PortalSettings.DEFAULT_EMBEDDED_DB_PORT);
        assertThat(settings.properties()).doesNotContainKeys("datasources.default.url", "micronaut.server.port");
    }

    @Test
    void pointsTheDatasourceAtAnExternalDatabaseWhenItsUrlIsSet() {
        PortalSettings settings = PortalSettings.fromEnvironment(Map.of(
                "PORTAL_DB_URL", "jdbc:postgresql://db:5432/portal",
                "PORTAL_DB_USER", "portal",
                "PORTAL_DB_PASSWORD", "secret",
                "PORTAL_PORT", "9090"));

        assertThat(settings.usesEmbeddedDatabase()).isFalse();
        assertThat(settings.properties())
                .containsEntry("datasources.default.url", "jdbc:postgresql://db:5432/portal")
                .containsEntry("datasources.default.username", "portal")
                .containsEntry("datasources.default.password", "secret")
                .containsEntry("micronaut.server.port", 9090);
    }

    @Test
    void refusesAPortThatIsNotOneNamingTheVariable() {
        assertThatThrownBy(() -> PortalSettings.fromEnvironment(Map.of("PORTAL_PORT", "80a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PORTAL_PORT");
        assertThatThrownBy(() -> PortalSettings.fromEnvironment(Map.of("PORTAL_EMBEDDED_DB_PORT", "70000")))
                .hasMessageContaining("PORTAL_EMBEDDED_DB_PORT")
                .hasMessageContaining("1..65535");
    }
}
