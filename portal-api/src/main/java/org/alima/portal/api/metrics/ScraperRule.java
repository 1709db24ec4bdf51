package org.alima.portal.api.metrics;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Decides who reads the sensitive management endpoints, of which only Prometheus's is on: the scraper that presented
 * the metrics token ({@link MetricsToken}), and no account, administrators included (403). Anonymous callers are
 * refused by the rule it replaces (401). Stateless and thread-safe.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
final class ScraperRule extends SensitiveEndpointRule {

    ScraperRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(
            HttpRequest<?> request, Authentication authentication, ExecutableMethod<?, ?> method) {
        return Publishers.just(
                authentication.getRoles().contains(MetricsToken.ROLE)
                        ? SecurityRuleResult.ALLOWED
                        : SecurityRuleResult.REJECTED);
    }
}
