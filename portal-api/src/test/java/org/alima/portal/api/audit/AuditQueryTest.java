package org.alima.portal.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.alima.portal.api.system.InvalidInputException;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    @Test
    void readsAFamilyAnActionAnActorIdOrEmailAndACursor() {
        UUID actor = UUID.randomUUID();

        AuditQuery family = AuditQuery.of("account", actor.toString(), "abc", "42", 10);
        AuditQuery exact = AuditQuery.of("account.role_change", "Admin@Portal.test", null, null, null);

        assertThat(family.family()).isTrue();
        assertThat(family.actorId()).isEqualTo(actor);
        assertThat(family.actorEmail()).isNull();
        assertThat(family.before()).isEqualTo(42L);
        assertThat(family.size()).isEqualTo(10);
        assertThat(exact.family()).isFalse();
        assertThat(exact.actorEmail()).isEqualTo("Admin@Portal.test");
        assertThat(exact.size()).isEqualTo(AuditQuery.DEFAULT_SIZE);
    }

    @Test
    void treatsBlankParametersAsAbsent() {
        AuditQuery query = AuditQuery.of(" ", "", " ", "", null);

        assertThat(query.action()).isNull();
        assertThat(query.actorId()).isNull();
        assertThat(query.actorEmail()).isNull();
        assertThat(query.target()).isNull();
        assertThat(query.before()).isNull();
    }

    @Test
    void namesEveryParameterOutOfBounds() {
        InvalidInputException failure = catchThrowableOfType(
                InvalidInputException.class, () -> AuditQuery.of("Account.*", null, "x".repeat(201), "-1", 101));

        assertThat(failure.problem().errors())
                .extracting(error -> error.field())
                .containsExactly("action", "target", "before", "size");
    }
}
