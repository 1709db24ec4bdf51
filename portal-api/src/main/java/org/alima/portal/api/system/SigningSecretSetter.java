package org.alima.portal.api.system;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.token.jwt.generator.RefreshTokenConfigurationProperties;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Singleton;

/**
 * Hands the {@link SigningSecret} to Micronaut's token signature and refresh-token generator as they are created: the
 * configuration only names a placeholder (too short to sign with, so that a token can never be signed with it).
 * Stateless.
 */
final class SigningSecretSetter {

    private SigningSecretSetter() {}

    @Singleton
    static final class Signatures implements BeanCreatedEventListener<SecretSignatureConfiguration> {

        private final SigningSecret secret;

        Signatures(SigningSecret secret) {
            this.secret = secret;
        }

        @Override
        public SecretSignatureConfiguration onCreated(BeanCreatedEvent<SecretSignatureConfiguration> event) {
            event.getBean().setSecret(secret.value());
            return event.getBean();
        }
    }

    @Singleton
    static final class RefreshTokens implements BeanCreatedEventListener<RefreshTokenConfigurationProperties> {

        private final SigningSecret secret;

        RefreshTokens(SigningSecret secret) {
            this.secret = secret;
        }

        @Override
        public RefreshTokenConfigurationProperties onCreated(
                BeanCreatedEvent<RefreshTokenConfigurationProperties> event) {
            event.getBean().setSecret(secret.value());
            return event.getBean();
        }
    }
}
